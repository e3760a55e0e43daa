import { describe, expect, it } from 'vitest';
import { createFlowNetwork, FlowNetworkError, type FlowNetwork, type MinCostFlowOptions } from '../../src/allocation/min-cost-flow.solver';
import { createRandom, pickInt, type Random } from './seeded-random.helper';

interface EdgeSpec {
  from: number;
  to: number;
  capacity: number;
  cost: number;
}

interface GraphSpec {
  nodeCount: number;
  source: number;
  sink: number;
  edges: EdgeSpec[];
}

function buildNetwork(graph: GraphSpec): { network: FlowNetwork; edgeIds: number[] } {
  const network = createFlowNetwork(graph.nodeCount);
  const edgeIds = graph.edges.map((e) => network.addEdge(e.from, e.to, e.capacity, e.cost));
  return { network, edgeIds };
}

function solve(graph: GraphSpec, options?: MinCostFlowOptions) {
  const { network, edgeIds } = buildNetwork(graph);
  const result = network.solveMinCostFlow(graph.source, graph.sink, options);
  return { ...result, edgeFlows: edgeIds.map((id) => network.getEdgeFlow(id)) };
}

/** Checks capacity limits and conservation, and that edge flows explain the reported flow/cost. */
function expectValidFlow(graph: GraphSpec, edgeFlows: number[], flow: number, cost: number): void {
  const net = new Array<number>(graph.nodeCount).fill(0);
  let totalCost = 0;
  graph.edges.forEach((e, i) => {
    expect(edgeFlows[i]).toBeGreaterThanOrEqual(0);
    expect(edgeFlows[i]).toBeLessThanOrEqual(e.capacity);
    net[e.from] -= edgeFlows[i];
    net[e.to] += edgeFlows[i];
    totalCost += edgeFlows[i] * e.cost;
  });
  for (let v = 0; v < graph.nodeCount; v++) {
    if (v === graph.source) expect(net[v] + flow).toBe(0);
    else if (v === graph.sink) expect(net[v]).toBe(flow);
    else expect(net[v]).toBe(0);
  }
  expect(totalCost).toBe(cost);
}

/**
 * Exhaustive reference: tries every integer flow on every edge and records, per flow value, the
 * cheapest flow that conserves at inner nodes. Independent of any shortest-path reasoning.
 */
function bruteForceCheapestByValue(graph: GraphSpec): Map<number, number> {
  const best = new Map<number, number>();
  const net = new Array<number>(graph.nodeCount).fill(0);
  const visit = (i: number, cost: number): void => {
    if (i === graph.edges.length) {
      for (let v = 0; v < graph.nodeCount; v++) {
        if (v !== graph.source && v !== graph.sink && net[v] !== 0) return;
      }
      const value = -net[graph.source];
      if (value < 0) return;
      if (!best.has(value) || cost < (best.get(value) ?? Infinity)) best.set(value, cost);
      return;
    }
    const e = graph.edges[i];
    for (let f = 0; f <= e.capacity; f++) {
      net[e.from] -= f;
      net[e.to] += f;
      visit(i + 1, cost + f * e.cost);
      net[e.from] += f;
      net[e.to] -= f;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Small random graph. Negative costs only on acyclic graphs (edges go from lower to higher node)
 * so no negative cycle exists; cyclic graphs get non-negative costs.
 */
function randomGraph(random: Random): GraphSpec {
  const nodeCount = pickInt(random, 2, 5);
  const acyclic = random() < 0.6;
  const edgeCount = pickInt(random, 1, 7);
  const edges: EdgeSpec[] = [];
  for (let i = 0; i < edgeCount; i++) {
    let from = pickInt(random, 0, nodeCount - 1);
    let to = pickInt(random, 0, nodeCount - 1);
    if (from === to) continue;
    if (acyclic && from > to) [from, to] = [to, from];
    const capacity = pickInt(random, 0, 2);
    const cost = acyclic ? pickInt(random, -6, 8) : pickInt(random, 0, 8);
    edges.push({ from, to, capacity, cost });
  }
  return { nodeCount, source: 0, sink: nodeCount - 1, edges };
}

describe('createFlowNetwork / solveMinCostFlow', () => {
  it('sends the maximum flow at the minimum cost and reports per-edge flows', () => {
    const graph: GraphSpec = {
      nodeCount: 4,
      source: 0,
      sink: 3,
      edges: [
        { from: 0, to: 1, capacity: 2, cost: 1 },
        { from: 0, to: 2, capacity: 1, cost: 2 },
        { from: 1, to: 3, capacity: 1, cost: 1 },
        { from: 2, to: 3, capacity: 2, cost: 1 },
        { from: 1, to: 2, capacity: 1, cost: 0 },
      ],
    };
    const result = solve(graph);
    expect(result).toMatchObject({ flow: 3, cost: 7 });
    expect(result.edgeFlows).toEqual([2, 1, 1, 2, 1]);
    expectValidFlow(graph, result.edgeFlows, result.flow, result.cost);
  });

  it('stops at maxFlow and uses the cheapest paths first', () => {
    const graph: GraphSpec = {
      nodeCount: 4,
      source: 0,
      sink: 3,
      edges: [
        { from: 0, to: 1, capacity: 5, cost: 4 },
        { from: 0, to: 2, capacity: 5, cost: 1 },
        { from: 1, to: 3, capacity: 5, cost: 0 },
        { from: 2, to: 3, capacity: 2, cost: 0 },
      ],
    };
    const result = solve(graph, { maxFlow: 3 });
    expect(result).toMatchObject({ flow: 3, cost: 6 });
    expect(result.edgeFlows).toEqual([1, 2, 1, 2]);
  });

  it('handles negative costs on edges leaving the source side', () => {
    // Maximise weight = minimise −weight: best pairing is 1–4 (−5) plus 2–3 (−4), not 1–3 (−6).
    const graph: GraphSpec = {
      nodeCount: 6,
      source: 0,
      sink: 5,
      edges: [
        { from: 0, to: 1, capacity: 1, cost: 0 },
        { from: 0, to: 2, capacity: 1, cost: 0 },
        { from: 1, to: 3, capacity: 1, cost: -6 },
        { from: 1, to: 4, capacity: 1, cost: -5 },
        { from: 2, to: 3, capacity: 1, cost: -4 },
        { from: 3, to: 5, capacity: 1, cost: 0 },
        { from: 4, to: 5, capacity: 1, cost: 0 },
      ],
    };
    const result = solve(graph);
    expect(result).toMatchObject({ flow: 2, cost: -9 });
    expect(result.edgeFlows.slice(2, 5)).toEqual([0, 1, 1]);
  });

  it('can stop once augmenting no longer lowers the cost (min-cost flow of any value)', () => {
    // Second unit would have to use the +3 path: max flow is 2 but the cheapest flow is 1.
    const graph: GraphSpec = {
      nodeCount: 3,
      source: 0,
      sink: 2,
      edges: [
        { from: 0, to: 1, capacity: 1, cost: -5 },
        { from: 0, to: 1, capacity: 1, cost: 3 },
        { from: 1, to: 2, capacity: 2, cost: 0 },
      ],
    };
    expect(solve(graph)).toMatchObject({ flow: 2, cost: -2 });
    expect(solve(graph, { stopWhenPathCostNonNegative: true })).toMatchObject({ flow: 1, cost: -5 });
  });

  it('does not take zero-cost paths when stopping at non-negative path cost', () => {
    const graph: GraphSpec = {
      nodeCount: 2,
      source: 0,
      sink: 1,
      edges: [{ from: 0, to: 1, capacity: 4, cost: 0 }],
    };
    expect(solve(graph, { stopWhenPathCostNonNegative: true })).toMatchObject({ flow: 0, cost: 0 });
    expect(solve(graph)).toMatchObject({ flow: 4, cost: 0 });
  });

  it('returns zero flow when the sink is unreachable', () => {
    const graph: GraphSpec = {
      nodeCount: 4,
      source: 0,
      sink: 3,
      edges: [
        { from: 0, to: 1, capacity: 3, cost: 1 },
        { from: 2, to: 3, capacity: 3, cost: 1 },
      ],
    };
    expect(solve(graph)).toMatchObject({ flow: 0, cost: 0, augmentations: 0 });
  });

  it('reroutes earlier flow through reverse edges when that is cheaper overall', () => {
    // Classic trap: the first shortest path 0-1-2-3 must later be partly undone.
    const graph: GraphSpec = {
      nodeCount: 4,
      source: 0,
      sink: 3,
      edges: [
        { from: 0, to: 1, capacity: 1, cost: 1 },
        { from: 0, to: 2, capacity: 1, cost: 5 },
        { from: 1, to: 2, capacity: 1, cost: 1 },
        { from: 1, to: 3, capacity: 1, cost: 5 },
        { from: 2, to: 3, capacity: 1, cost: 1 },
      ],
    };
    const result = solve(graph);
    expect(result).toMatchObject({ flow: 2, cost: 12 });
    expect(result.edgeFlows).toEqual([1, 1, 0, 1, 1]);
  });

  it('continues from the current flow when solved again', () => {
    const graph: GraphSpec = {
      nodeCount: 4,
      source: 0,
      sink: 3,
      edges: [
        { from: 0, to: 1, capacity: 1, cost: 1 },
        { from: 0, to: 2, capacity: 1, cost: 5 },
        { from: 1, to: 2, capacity: 1, cost: 1 },
        { from: 1, to: 3, capacity: 1, cost: 5 },
        { from: 2, to: 3, capacity: 1, cost: 1 },
      ],
    };
    const { network, edgeIds } = buildNetwork(graph);
    expect(network.solveMinCostFlow(0, 3, { maxFlow: 1 })).toMatchObject({ flow: 1, cost: 3 });
    // The residual graph now has a cycle, so potentials come from Bellman-Ford this time.
    expect(network.solveMinCostFlow(0, 3)).toMatchObject({ flow: 1, cost: 9 });
    expect(edgeIds.map((id) => network.getEdgeFlow(id))).toEqual([1, 1, 0, 1, 1]);
  });

  it('matches an exhaustive search on 400 random small networks', () => {
    const random = createRandom(20240601);
    for (let instance = 0; instance < 400; instance++) {
      const graph = randomGraph(random);
      const cheapest = bruteForceCheapestByValue(graph);
      const maxValue = Math.max(...cheapest.keys());

      const full = solve(graph);
      expect(full.flow, `instance ${instance}`).toBe(maxValue);
      expect(full.cost, `instance ${instance}`).toBe(cheapest.get(maxValue));
      expectValidFlow(graph, full.edgeFlows, full.flow, full.cost);

      for (let limit = 0; limit <= maxValue; limit++) {
        const limited = solve(graph, { maxFlow: limit });
        expect(limited.flow, `instance ${instance} limit ${limit}`).toBe(limit);
        expect(limited.cost, `instance ${instance} limit ${limit}`).toBe(cheapest.get(limit));
      }

      const cheapestOverall = Math.min(...cheapest.values());
      const stopped = solve(graph, { stopWhenPathCostNonNegative: true });
      expect(stopped.cost, `instance ${instance}`).toBe(cheapestOverall);
      expectValidFlow(graph, stopped.edgeFlows, stopped.flow, stopped.cost);
    }
  });

  it('serves many augmentations from one search when paths do not interfere', () => {
    // 50 independent source→a_i→b_i→sink lanes with distinct costs.
    const lanes = 50;
    const network = createFlowNetwork(2 + 2 * lanes);
    for (let i = 0; i < lanes; i++) {
      network.addEdge(0, 2 + i, 1, 0);
      network.addEdge(2 + i, 2 + lanes + i, 1, -(i + 1));
      network.addEdge(2 + lanes + i, 1, 1, 0);
    }
    const result = network.solveMinCostFlow(0, 1);
    expect(result).toMatchObject({ flow: lanes, cost: -(lanes * (lanes + 1)) / 2, augmentations: lanes });
    expect(result.searches).toBeLessThan(lanes);
  });
});

describe('createFlowNetwork — errors', () => {
  function expectFlowError(run: () => unknown, code: FlowNetworkError['code']): void {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowNetworkError);
      expect((error as FlowNetworkError).code).toBe(code);
      return;
    }
    throw new Error(`expected FlowNetworkError ${code}`);
  }

  it('rejects float costs so callers scale scores to integers first', () => {
    const network = createFlowNetwork(2);
    expectFlowError(() => network.addEdge(0, 1, 1, 0.25), 'INVALID_ARGUMENT');
  });

  it('rejects bad capacities, unknown nodes, self-loops and unknown edge ids', () => {
    const network = createFlowNetwork(3);
    expectFlowError(() => network.addEdge(0, 1, -1, 0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.addEdge(0, 1, 1.5, 0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.addEdge(0, 3, 1, 0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.addEdge(1, 1, 1, 0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.getEdgeFlow(0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.solveMinCostFlow(0, 0), 'INVALID_ARGUMENT');
    expectFlowError(() => network.solveMinCostFlow(0, 2, { maxFlow: -1 }), 'INVALID_ARGUMENT');
    expectFlowError(() => createFlowNetwork(-1), 'INVALID_ARGUMENT');
  });

  it('refuses a negative-cost cycle reachable from the source', () => {
    const network = createFlowNetwork(4);
    network.addEdge(0, 1, 1, 0);
    network.addEdge(1, 2, 1, -3);
    network.addEdge(2, 1, 1, 1);
    network.addEdge(2, 3, 1, 0);
    expectFlowError(() => network.solveMinCostFlow(0, 3), 'NEGATIVE_CYCLE');
  });

  it('reports cost overflow instead of returning an inexact total', () => {
    const network = createFlowNetwork(2);
    network.addEdge(0, 1, 4, -(2 ** 52));
    expectFlowError(() => network.solveMinCostFlow(0, 1), 'COST_OVERFLOW');
  });
});
