/**
 * Min-cost flow by successive shortest paths (Johnson potentials + binary-heap Dijkstra).
 *
 * Engine behind the city-wide one-to-one 科技副总 assignment (Hubei 鄂经信科技〔2020〕73号 四(二):
 * seats per region by demand share, then experts matched to enterprise demands). Kept generic so it
 * can be tested on its own and reused for other transport-style problems.
 *
 * Costs must be safe integers. Callers with float scores should scale them first (for example
 * Math.round(score * 1e6)): with float costs, reduced costs drift to -1e-17 and break Dijkstra's
 * non-negativity invariant, and "is this path's cost < 0" becomes a coin toss near zero.
 *
 * Pure module: no I/O, no dependencies.
 */
import { AppError } from '../shared/errors';

export interface MinCostFlowOptions {
  /** Upper bound on the flow to send; defaults to as much as the network carries. */
  maxFlow?: number;
  /**
   * Stop as soon as the cheapest augmenting path costs ≥ 0. Successive shortest path costs never
   * decrease, so this yields the minimum-cost flow over all flow values (the max-weight answer when
   * costs are negated weights) rather than the cheapest maximum flow.
   */
  stopWhenPathCostNonNegative?: boolean;
}

export interface MinCostFlowResult {
  flow: number;
  cost: number;
  /** Number of augmenting paths used; useful for benchmarks. */
  augmentations: number;
  /** Number of Dijkstra searches run; one search can serve many augmentations. */
  searches: number;
}

export interface FlowNetwork {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Adds a directed edge and returns its id (0, 1, 2, … in insertion order). */
  addEdge(from: number, to: number, capacity: number, cost: number): number;
  /** Pushes flow from source to sink; may be called again to push more after raising maxFlow. */
  solveMinCostFlow(source: number, sink: number, options?: MinCostFlowOptions): MinCostFlowResult;
  /** Flow currently carried by the edge returned from addEdge. */
  getEdgeFlow(edgeId: number): number;
}

export type FlowNetworkErrorCode = 'INVALID_ARGUMENT' | 'NEGATIVE_CYCLE' | 'COST_OVERFLOW';

export class FlowNetworkError extends AppError {
  declare readonly code: FlowNetworkErrorCode;

  constructor(code: FlowNetworkErrorCode, message: string) {
    super(code, message);
  }
}

export function createFlowNetwork(nodeCount: number): FlowNetwork {
  if (!Number.isSafeInteger(nodeCount) || nodeCount < 0) {
    throw new FlowNetworkError('INVALID_ARGUMENT', `nodeCount must be a non-negative integer, got ${String(nodeCount)}`);
  }
  return new ResidualNetwork(nodeCount);
}

/**
 * Residual graph in flat typed arrays: edge i owns arc 2i (forward) and arc 2i+1 (reverse), so the
 * partner of arc a is a^1 and the tail of arc a is head[a^1]. Adjacency is rebuilt as CSR before a
 * solve because scanning contiguous arc lists is what dominates Dijkstra's running time.
 */
class ResidualNetwork implements FlowNetwork {
  readonly nodeCount: number;
  private arcCount = 0;
  private head = new Int32Array(16);
  private residual = new Float64Array(16);
  private arcCost = new Float64Array(16);
  private adjacencyStart = new Int32Array(0);
  private adjacency = new Int32Array(0);
  private adjacencyArcCount = -1;
  private potential: Float64Array;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.potential = new Float64Array(nodeCount);
  }

  get edgeCount(): number {
    return this.arcCount >> 1;
  }

  addEdge(from: number, to: number, capacity: number, cost: number): number {
    this.requireNode(from, 'from');
    this.requireNode(to, 'to');
    if (from === to) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `self-loop on node ${from} carries no flow`);
    }
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `capacity must be a non-negative safe integer, got ${String(capacity)}`);
    }
    if (!Number.isSafeInteger(cost)) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `cost must be a safe integer (scale float costs first), got ${String(cost)}`);
    }
    this.ensureArcCapacity(this.arcCount + 2);
    const forward = this.arcCount;
    this.head[forward] = to;
    this.residual[forward] = capacity;
    this.arcCost[forward] = cost;
    this.head[forward + 1] = from;
    this.residual[forward + 1] = 0;
    this.arcCost[forward + 1] = -cost;
    this.arcCount += 2;
    return forward >> 1;
  }

  getEdgeFlow(edgeId: number): number {
    if (!Number.isSafeInteger(edgeId) || edgeId < 0 || edgeId >= this.edgeCount) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `unknown edge id ${String(edgeId)}`);
    }
    // The reverse arc starts empty, so its residual capacity is exactly the flow pushed forward.
    return this.residual[2 * edgeId + 1];
  }

  solveMinCostFlow(source: number, sink: number, options: MinCostFlowOptions = {}): MinCostFlowResult {
    this.requireNode(source, 'source');
    this.requireNode(sink, 'sink');
    if (source === sink) {
      throw new FlowNetworkError('INVALID_ARGUMENT', 'source and sink must differ');
    }
    const maxFlow = options.maxFlow ?? Number.POSITIVE_INFINITY;
    if (!(maxFlow >= 0) || (Number.isFinite(maxFlow) && !Number.isSafeInteger(maxFlow))) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `maxFlow must be a non-negative integer, got ${String(maxFlow)}`);
    }
    const stopAtNonNegative = options.stopWhenPathCostNonNegative ?? false;

    this.buildAdjacency();
    this.initialisePotentials(source);

    const n = this.nodeCount;
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const reachedStamp = new Int32Array(n);
    const doneStamp = new Int32Array(n);
    const finalised = new Int32Array(n);
    const zeroQueue = new Int32Array(n);
    const heap = new MinHeap(Math.max(16, n));
    const endings = new MinHeap(16);
    const { head, residual, arcCost, adjacencyStart, adjacency, potential } = this;

    let flow = 0;
    let cost = 0;
    let augmentations = 0;
    let searches = 0;
    let stamp = 0;
    let finished = false;

    while (!finished && flow < maxFlow) {
      // One full Dijkstra per batch. The sink is settled but never expanded: no simple
      // source→sink path continues past it, and arcs leaving it may have negative reduced cost.
      stamp += 1;
      searches += 1;
      heap.clear();
      dist[source] = 0;
      reachedStamp[source] = stamp;
      prevArc[source] = -1;
      // Each node enters the queue at most once per search, so n slots suffice without wrapping.
      let queueHead = 0;
      let queueTail = 0;
      zeroQueue[queueTail++] = source;
      let finalisedCount = 0;

      for (;;) {
        let u: number;
        let d: number;
        // Most nodes keep their distance from one batch to the next, so their reduced distance is
        // exactly the current minimum; settling those from a plain FIFO queue instead of the heap
        // keeps a search over ~20k untouched experts cheap, and FIFO order means that among
        // equal-cost routes the one met first (earlier-added edges) wins.
        if (queueHead < queueTail) {
          u = zeroQueue[queueHead++];
          d = dist[u];
        } else {
          if (heap.size === 0) break;
          d = heap.topKey();
          u = heap.pop();
          if (d > dist[u]) continue;
        }
        if (doneStamp[u] === stamp) continue;
        doneStamp[u] = stamp;
        finalised[finalisedCount++] = u;
        if (u === sink) continue;
        const hu = potential[u];
        for (let i = adjacencyStart[u], end = adjacencyStart[u + 1]; i < end; i++) {
          const arc = adjacency[i];
          if (residual[arc] <= 0) continue;
          const v = head[arc];
          if (doneStamp[v] === stamp) continue;
          const candidate = d + arcCost[arc] + hu - potential[v];
          if (reachedStamp[v] === stamp && candidate >= dist[v]) continue;
          reachedStamp[v] = stamp;
          dist[v] = candidate;
          prevArc[v] = arc;
          // Reduced costs are ≥ 0, so a node reached at the current distance is already final.
          if (candidate === d) zeroQueue[queueTail++] = v;
          else heap.push(candidate, v);
        }
      }
      if (doneStamp[sink] !== stamp) break;

      // Every way into the sink, keyed by the shortest path that uses it: dist(tail) plus the
      // reduced cost of the last arc. No path through that arc can be shorter than its key.
      endings.clear();
      const sinkPotential = potential[sink];
      for (let i = adjacencyStart[sink], end = adjacencyStart[sink + 1]; i < end; i++) {
        const intoSink = adjacency[i] ^ 1;
        const tail = head[adjacency[i]];
        if (residual[intoSink] <= 0 || tail === sink || doneStamp[tail] !== stamp) continue;
        endings.push(dist[tail] + arcCost[intoSink] + potential[tail] - sinkPotential, intoSink);
      }

      // h(v) += dist(v) makes every shortest-path-tree arc (and its reverse) cost 0, so reduced
      // costs stay ≥ 0 after augmenting along tree paths. Unreached nodes can never be reached
      // again (augmenting only adds arcs between reached nodes), so they need no update.
      for (let i = 0; i < finalisedCount; i++) {
        const v = finalised[i];
        potential[v] += dist[v];
      }

      // Augment along tree paths in key order while each is still intact. A path whose key is
      // the smallest left among all endings, and whose arcs all still have room, is a shortest
      // path in the updated residual graph too — so one Dijkstra can serve many augmentations,
      // which matters because most experts are uncontested.
      while (endings.size > 0 && flow < maxFlow) {
        const lastArc = endings.topNode();
        if (residual[lastArc] <= 0) {
          endings.pop();
          continue;
        }
        let pathCost = arcCost[lastArc];
        let bottleneck = Math.min(maxFlow - flow, residual[lastArc]);
        let intact = true;
        for (let v = head[lastArc ^ 1]; v !== source;) {
          const arc = prevArc[v];
          if (residual[arc] <= 0) {
            intact = false;
            break;
          }
          pathCost += arcCost[arc];
          if (residual[arc] < bottleneck) bottleneck = residual[arc];
          v = head[arc ^ 1];
        }
        if (!intact) break;
        if (!Number.isSafeInteger(pathCost)) {
          throw new FlowNetworkError('COST_OVERFLOW', 'a path cost left the safe-integer range; scale costs down');
        }
        // Path costs only grow from here on, so once one is not negative none will be.
        if (stopAtNonNegative && pathCost >= 0) {
          finished = true;
          break;
        }
        residual[lastArc] -= bottleneck;
        residual[lastArc ^ 1] += bottleneck;
        for (let v = head[lastArc ^ 1]; v !== source;) {
          const arc = prevArc[v];
          residual[arc] -= bottleneck;
          residual[arc ^ 1] += bottleneck;
          v = head[arc ^ 1];
        }
        flow += bottleneck;
        cost += bottleneck * pathCost;
        augmentations += 1;
        if (!Number.isSafeInteger(cost)) {
          throw new FlowNetworkError('COST_OVERFLOW', 'total cost left the safe-integer range; scale costs down');
        }
      }
    }

    return { flow, cost, augmentations, searches };
  }

  private requireNode(node: number, label: string): void {
    if (!Number.isSafeInteger(node) || node < 0 || node >= this.nodeCount) {
      throw new FlowNetworkError('INVALID_ARGUMENT', `${label} node ${String(node)} is outside 0..${this.nodeCount - 1}`);
    }
  }

  private ensureArcCapacity(required: number): void {
    if (required <= this.head.length) return;
    let size = this.head.length;
    while (size < required) size *= 2;
    const head = new Int32Array(size);
    head.set(this.head);
    const residual = new Float64Array(size);
    residual.set(this.residual);
    const arcCost = new Float64Array(size);
    arcCost.set(this.arcCost);
    this.head = head;
    this.residual = residual;
    this.arcCost = arcCost;
  }

  private buildAdjacency(): void {
    if (this.adjacencyArcCount === this.arcCount) return;
    const n = this.nodeCount;
    const start = new Int32Array(n + 1);
    for (let arc = 0; arc < this.arcCount; arc++) start[this.head[arc ^ 1] + 1] += 1;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const cursor = start.slice(0, n);
    const adjacency = new Int32Array(this.arcCount);
    for (let arc = 0; arc < this.arcCount; arc++) adjacency[cursor[this.head[arc ^ 1]]++] = arc;
    this.adjacencyStart = start;
    this.adjacency = adjacency;
    this.adjacencyArcCount = this.arcCount;
  }

  /**
   * Shortest distances from the source in the current residual graph, so reduced costs start
   * non-negative even with negative edge costs. Layered networks (the usual case) are acyclic and
   * get a linear-time topological pass; anything else falls back to queue-based Bellman-Ford.
   * Nodes the source cannot reach keep potential 0: augmentations only add arcs between reachable
   * nodes, so they never become reachable and their potentials are never read.
   */
  private initialisePotentials(source: number): void {
    const dist = this.shortestDistancesInDag(source) ?? this.shortestDistancesBellmanFord(source);
    for (let v = 0; v < this.nodeCount; v++) {
      this.potential[v] = Number.isFinite(dist[v]) ? dist[v] : 0;
    }
  }

  private shortestDistancesInDag(source: number): Float64Array | null {
    const n = this.nodeCount;
    const { head, residual, arcCost, adjacencyStart, adjacency } = this;
    const indegree = new Int32Array(n);
    for (let arc = 0; arc < this.arcCount; arc++) {
      if (residual[arc] > 0) indegree[head[arc]] += 1;
    }
    const order = new Int32Array(n);
    let tail = 0;
    for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
    for (let i = 0; i < tail; i++) {
      const u = order[i];
      for (let j = adjacencyStart[u], end = adjacencyStart[u + 1]; j < end; j++) {
        const arc = adjacency[j];
        if (residual[arc] > 0 && --indegree[head[arc]] === 0) order[tail++] = head[arc];
      }
    }
    if (tail < n) return null;

    const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    dist[source] = 0;
    for (let i = 0; i < n; i++) {
      const u = order[i];
      if (!Number.isFinite(dist[u])) continue;
      for (let j = adjacencyStart[u], end = adjacencyStart[u + 1]; j < end; j++) {
        const arc = adjacency[j];
        if (residual[arc] <= 0) continue;
        const candidate = dist[u] + arcCost[arc];
        if (candidate < dist[head[arc]]) dist[head[arc]] = candidate;
      }
    }
    return dist;
  }

  private shortestDistancesBellmanFord(source: number): Float64Array {
    const n = this.nodeCount;
    const { head, residual, arcCost, adjacencyStart, adjacency } = this;
    const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const pathEdges = new Int32Array(n);
    const queued = new Uint8Array(n);
    const queue: number[] = [source];
    dist[source] = 0;
    queued[source] = 1;
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi];
      queued[u] = 0;
      for (let j = adjacencyStart[u], end = adjacencyStart[u + 1]; j < end; j++) {
        const arc = adjacency[j];
        if (residual[arc] <= 0) continue;
        const v = head[arc];
        const candidate = dist[u] + arcCost[arc];
        if (candidate < dist[v]) {
          dist[v] = candidate;
          // A shortest path with n edges must repeat a node, i.e. contain a negative cycle, so
          // the cost is unbounded below.
          pathEdges[v] = pathEdges[u] + 1;
          if (pathEdges[v] >= n) {
            throw new FlowNetworkError('NEGATIVE_CYCLE', 'the network has a negative-cost cycle reachable from the source');
          }
          if (!queued[v]) {
            queued[v] = 1;
            queue.push(v);
          }
        }
      }
    }
    return dist;
  }
}

/**
 * Binary min-heap of (key, id) with lazy deletion; stale entries are skipped by the caller. Equal
 * keys pop in ascending id order so results never depend on heap layout accidents.
 */
class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(initialCapacity: number) {
    this.keys = new Float64Array(initialCapacity);
    this.nodes = new Int32Array(initialCapacity);
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  topNode(): number {
    return this.nodes[0];
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] < key || (keys[parent] === key && nodes[parent] <= node)) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const last = --this.size;
    if (last === 0) return top;
    const key = keys[last];
    const node = nodes[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (keys[right] < keys[child] || (keys[right] === keys[child] && nodes[right] < nodes[child]))) {
        child = right;
      }
      if (keys[child] > key || (keys[child] === key && nodes[child] >= node)) break;
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
