// The composition root: the one place that builds the database, every repository, adapter and service, once.
// The server, every CLI under scripts/ and the tests start here; nothing inside a layer imports this file.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import type { AppServices } from './app';
import { AccountService } from './auth/account.service';
import { ApiKeyRepository } from './auth/api-key.repository';
import { ApiKeyService } from './auth/api-key.service';
import { AuditLogService } from './auth/audit-log.service';
import { AuditRepository } from './auth/audit.repository';
import { ParticipantAccountService } from './auth/participant-account.service';
import type { ParticipantDirectory } from './auth/participant.port';
import { ParticipantRepository } from './auth/participant.repository';
import { ParticipantSessionService } from './auth/participant-session.service';
import { SessionRepository } from './auth/session.repository';
import { SessionService } from './auth/session.service';
import { UserAdminService } from './auth/user-admin.service';
import { UserRepository } from './auth/user.repository';
import type { Config } from './config';
import { CycleRunReader } from './cycles/cycle-run-reader.service';
import { CycleRunRepository } from './cycles/cycle-run.repository';
import { type CycleRunDeps, CycleRunService } from './cycles/cycle-run.service';
import { processRunHolder } from './cycles/process-run-holder.adapter';
import { silentProgress, type ProgressReporter } from './cycles/progress.port';
import { RunLeaseRepository } from './cycles/run-lease.repository';
import { closeDatabase, type Db, openDatabase, transactionOf } from './db/client';
import { createWriteProbe } from './db/write-probe';
import { EmbeddingCacheRepository } from './embeddings/embedding-cache.repository';
import { EmbeddingService } from './embeddings/embedding.service';
import type { Embedder } from './embeddings/embedder.port';
import { TransformersEmbedder } from './embeddings/transformers-embedder.adapter';
import { WorkerEmbedder } from './embeddings/worker-embedder.adapter';
import { DemandRepository } from './intake/demand.repository';
import { EnterpriseRepository } from './intake/enterprise.repository';
import { ExpertRepository } from './intake/expert.repository';
import { IntakeReader } from './intake/intake-reader.service';
import { DemandSummaryExportService } from './intake/demand-summary-export.service';
import { OfficialFormImportService } from './intake/official-form-import.service';
import { IntakeReviewRepository } from './intake/intake-review.repository';
import { IntakeReviewService } from './intake/intake-review.service';
import { IntakeService } from './intake/intake.service';
import { ReferenceRepository } from './intake/reference.repository';
import { REGIONS } from './intake/regions.data';
import { PolicyContextRepository } from './policy/policy-context.repository';
import { PolicyProfileRepository } from './policy/policy-profile.repository';
import { PolicyService } from './policy/policy.service';
import { VerificationRepository } from './policy/verification.repository';
import { createJiebaKeywordExtractor } from './portraits/jieba-keyword.adapter';
import { PortraitRepository } from './portraits/portrait.repository';
import { SHIPPED_WEIGHTS } from './ranking/fusion';
import { HybridRanker, type HybridRankerOptions } from './ranking/hybrid-ranker.service';
import { MatchDefaultsService } from './ranking/match-defaults.service';
import { createLexicalTokenizer } from './ranking/lexical-tokenizer';
import type { Ranker } from './ranking/ranker.port';
import { RankingRepository } from './ranking/ranking.repository';
import { RetrievalRepository } from './retrieval/retrieval.repository';
import { RetrievalService } from './retrieval/retrieval.service';
import { FileDocumentStore } from './placements/file-document-store.adapter';
import { PlacementActivityRepository } from './placements/placement-activity.repository';
import { PlacementActivityService } from './placements/placement-activity.service';
import { PlacementAgreementService } from './placements/placement-agreement.service';
import type { PlacementDeps } from './placements/placement-core';
import { PlacementDashboardService } from './placements/placement-dashboard.service';
import { PlacementEndService } from './placements/placement-end.service';
import { PlacementEvaluationService } from './placements/placement-evaluation.service';
import { PlacementRepository } from './placements/placement.repository';
import { PlacementService } from './placements/placement.service';
import { RegionExportService } from './review/region-export.service';
import { ReviewRepository } from './review/review.repository';
import { ReviewService } from './review/review.service';
import { VerificationService } from './review/verification.service';
import { AgreedPairsService } from './selection/agreed-pairs.service';
import { ExpertPauseService } from './selection/expert-pause.service';
import { InterestService } from './selection/interest.service';
import { SelectionOversightRepository } from './selection/selection-oversight.repository';
import { SelectionOversightService } from './selection/selection-oversight.service';
import { SelectionRankingService } from './selection/selection-ranking.service';
import { SelectionSettingsService } from './selection/selection-settings.service';
import { SelectionTalkRepository } from './selection/selection-talk.repository';
import { SelectionRepository } from './selection/selection.repository';
import { createSelectionApi } from './selection/selection.service';
import { ShortlistService } from './selection/shortlist.service';
import { type MessageRateLimits, TalkService } from './selection/talk.service';
import type { LiveEvents } from './notifications/live-events.port';
import type { Notifier } from './notifications/notification.port';
import { createHttpWebhookTransport } from './notifications/http-webhook.adapter';
import { LiveEventHub } from './notifications/live-event-hub';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationService } from './notifications/notifier.service';
import { WebhookDeliveryService, type WebhookDeliverySettings } from './notifications/webhook-delivery.service';
import { WebhookEndpointService } from './notifications/webhook-endpoint.service';
import type { WebhookTransport } from './notifications/webhook-transport.port';
import { hashRecord } from './shared/hash';
import { createLogger, type Logger } from './shared/logger';
import type { Transaction } from './shared/transaction.port';

export type RuntimeOverrides = {
  logger?: Logger;
  /** Replaces the model: tests above the embedding layer use a HashingEmbedder (src/embeddings/hashing-embedder.fake.ts). */
  embedder?: Embedder;
  /** Runs the model in a worker thread (the server: its event loop stays free while a first start embeds). */
  embedInWorker?: boolean;
  /** 'YYYY-MM-DD' the policy checks and ad-hoc matches use when no cycle gives one (tests pin it). */
  today?: () => string;
  /** ISO timestamp of review decisions (tests pin it). */
  now?: () => string;
  /** Where placement notices go (tests record them); default: the notification service (inbox + webhooks). */
  notifier?: Notifier;
  /** Pins the portraits' "last five years" indicators (evaluations on historic data). */
  referenceYear?: number;
  /** The shipped ranker with other settings (tests; evaluations use matching.rankerWith). */
  ranking?: HybridRankerOptions;
  /** Talk message rate limits per sender (tests use small ones). */
  messageLimits?: MessageRateLimits;
  /** Webhook delivery settings over config.webhooks (tests: a tiny backoff) and another transport. */
  webhooks?: Partial<WebhookDeliverySettings> & { transport?: WebhookTransport };
};

export type Repositories = ReturnType<typeof createRepositories>;

/** The heavy half: the model, the HNSW index and the rankers over them. Built on first use, once. */
export type Matching = {
  retrieval: RetrievalService;
  /** The ranker of /v1/match, the batch CLI and cycle runs (shipped fusion weights). */
  ranker: HybridRanker;
  /** Names the shipped ranker and its model: a cycle run is only resumed by the same one. */
  rankerId: string;
  /** Another ranker over the same retrieval state (evaluations: other weights). */
  rankerWith(options: HybridRankerOptions): HybridRanker;
  /** The cycle-run use-case with the real ranker and retrieval sync. */
  cycleRuns(adapters: { progress?: ProgressReporter; logger?: Logger; ranker?: Ranker } & Pick<CycleRunDeps, 'chunkSize' | 'concurrency'>): CycleRunService;
};

export type RuntimeServices = ReturnType<typeof createServices>;

export type Runtime = {
  config: Config;
  logger: Logger;
  transaction: Transaction;
  /** The raw database, for tests that inspect or damage stored rows on purpose; application code goes through repositories. */
  db: Db;
  repositories: Repositories;
  services: RuntimeServices;
  /** The cycle-run use-case over any ranker (tests give a model-free one). */
  createCycleRunService(
    adapters: Pick<CycleRunDeps, 'ranker' | 'syncRetrieval' | 'rankerId'> & Partial<Pick<CycleRunDeps, 'progress' | 'logger' | 'clock' | 'chunkSize' | 'concurrency'>>,
  ): CycleRunService;
  /** Loads the model (fails with a message that says to run `npm run setup`) and builds retrieval and ranking. */
  matching(): Promise<Matching>;
  /** Whether the database still takes a write (read-only file, full disk), cached for a few seconds: /readyz. */
  probeDatabase(): { ok: true } | { ok: false; reason: string };
  /** The webhook outbox worker: the server starts it (CLIs never do); tests call runOnce. Stopped by close(). */
  webhookDelivery: WebhookDeliveryService;
  close(): Promise<void>;
};

function createRepositories(db: Db) {
  return {
    experts: new ExpertRepository(db),
    enterprises: new EnterpriseRepository(db),
    demands: new DemandRepository(db),
    reference: new ReferenceRepository(db),
    intakeReviews: new IntakeReviewRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    apiKeys: new ApiKeyRepository(db),
    participants: new ParticipantRepository(db),
    notifications: new NotificationRepository(db),
    audit: new AuditRepository(db),
    policyProfiles: new PolicyProfileRepository(db),
    policyContext: new PolicyContextRepository(db),
    portraits: new PortraitRepository(db),
    embeddingCache: new EmbeddingCacheRepository(db),
    retrieval: new RetrievalRepository(db),
    ranking: new RankingRepository(db),
    runs: new CycleRunRepository(db),
    runLeases: new RunLeaseRepository(db),
    reviews: new ReviewRepository(db),
    verifications: new VerificationRepository(db),
    selection: new SelectionRepository(db),
    selectionTalks: new SelectionTalkRepository(db),
    selectionOversight: new SelectionOversightRepository(db),
    placements: new PlacementRepository(db),
    placementActivity: new PlacementActivityRepository(db),
  };
}

type SelectionPorts = { ranker: Pick<Ranker, 'rank'>; notifier: Notifier; live?: LiveEvents; now: () => string; messageLimits?: MessageRateLimits };

/** The two-way selection flow (src/selection): its use-case families over the repositories, the lazy ranker and the notifier. */
function createSelection(repos: Repositories, transaction: Transaction, policies: PolicyService, intakeReview: IntakeReviewService, ports: SelectionPorts) {
  const { now, notifier, live } = ports;
  const common = { audit: repos.audit, transaction, now };
  const settings = new SelectionSettingsService({ ...common, selection: repos.selection, reference: repos.reference, policies });
  const ranking = new SelectionRankingService({
    ranker: ports.ranker,
    changeSeq: () => repos.ranking.changeSeq(),
    demands: repos.demands,
    reference: repos.reference,
    policies,
  });
  const expertReview = (expertId: string): string | null => {
    try {
      return intakeReview.stateByKey('experts', expertId).status;
    } catch {
      return null;
    }
  };
  const parts = {
    settings,
    shortlists: new ShortlistService({ ranking, selection: repos.selection, experts: repos.experts, enterprises: repos.enterprises, settings }),
    interests: new InterestService({ ...common, selection: repos.selection, demands: repos.demands, experts: repos.experts, expertReview, ranking, settings, notifier, live }),
    talks: new TalkService({
      ...common,
      selection: repos.selection,
      talks: repos.selectionTalks,
      enterprises: repos.enterprises,
      experts: repos.experts,
      notifier,
      live,
      limits: ports.messageLimits,
    }),
    pause: new ExpertPauseService({ ...common, selection: repos.selection, experts: repos.experts }),
    oversight: new SelectionOversightService({ demands: repos.selectionOversight, selection: repos.selection, settings, now }),
  };
  return { api: createSelectionApi(parts), agreedPairs: new AgreedPairsService({ selection: repos.selection }), talks: parts.talks };
}

/** Enterprises by credit code and experts by external id, as auth needs them to bind a participant. */
function participantDirectoryOf(repos: Repositories): ParticipantDirectory {
  return {
    findSubject(side, key) {
      if (side === 'enterprise') {
        const e = repos.enterprises.getByCreditCode(key);
        return e && { displayName: e.name, regionCode: e.region };
      }
      const x = repos.experts.getByExternalId(key);
      return x && { displayName: x.name, regionCode: x.region ?? null };
    },
  };
}

/** Every use-case, over the repositories; the shape buildApp takes (AppServices) and a little more. */
function createServices(
  repos: Repositories,
  transaction: Transaction,
  overrides: Pick<RuntimeOverrides, 'today' | 'now'>,
  live: LiveEventHub,
  config: Config,
  selectionPorts: Omit<SelectionPorts, 'notifier' | 'live'>,
  placementAdapters: { notifier?: Notifier },
) {
  const intakeReview = new IntakeReviewService({
    reviews: repos.intakeReviews,
    audit: repos.audit,
    transaction,
    experts: repos.experts,
    demands: repos.demands,
    queue: repos.intakeReviews,
    enterprises: repos.enterprises,
    now: overrides.now,
  });
  const intake = new IntakeService({ ...repos, transaction, review: intakeReview });
  const reader = new IntakeReader(repos);
  const accounts = new AccountService({ users: repos.users, reference: repos.reference, audit: repos.audit, transaction }, config.passwordHash);
  const sessions = new SessionService({ sessions: repos.sessions, accounts, audit: repos.audit });
  const apiKeys = new ApiKeyService({ apiKeys: repos.apiKeys, audit: repos.audit, transaction, reference: repos.reference });
  const audit = new AuditLogService({ audit: repos.audit });
  const participantDirectory = participantDirectoryOf(repos);
  const participantSessions = new ParticipantSessionService({ participants: repos.participants, audit: repos.audit });
  const participantAccounts = new ParticipantAccountService({
    participants: repos.participants,
    directory: participantDirectory,
    staffNames: accounts,
    audit: repos.audit,
    transaction,
  });
  const userAdmin = new UserAdminService({ accounts, users: repos.users, sessions: repos.sessions, audit: repos.audit, transaction });
  const policies = new PolicyService({
    profiles: repos.policyProfiles,
    context: repos.policyContext,
    experts: repos.experts,
    enterprises: repos.enterprises,
    demands: repos.demands,
    reference: repos.reference,
    verifications: repos.verifications,
    today: overrides.today,
    audit: repos.audit,
    transaction,
  });
  const notifications = new NotificationService({ notifications: repos.notifications, live });
  // The placement use-cases over a clock: the app's (overrides.now or the wall clock), or the demo seed's pinned one.
  const placementsAt = (now: (() => string) | undefined) => {
    const placementDeps: PlacementDeps = {
      placements: repos.placements,
      activity: repos.placementActivity,
      audit: repos.audit,
      notifier: placementAdapters.notifier ?? notifications,
      policies,
      reference: repos.reference,
      agreementDays: config.placements.agreementDays,
      now,
    };
    return {
      placements: new PlacementService(placementDeps),
      agreements: new PlacementAgreementService({ ...placementDeps, documents: new FileDocumentStore(config.dataDir), maxUploadBytes: config.placements.maxUploadBytes }),
      activity: new PlacementActivityService(placementDeps),
      evaluations: new PlacementEvaluationService(placementDeps),
      ends: new PlacementEndService(placementDeps),
      dashboards: new PlacementDashboardService(placementDeps),
    };
  };
  const placements = placementsAt(overrides.now);
  /** The demo seed walks placements through their life on the demo's own calendar: it sets this clock before each step. */
  const demoPlacements = () => {
    let at = '2026-06-30T02:00:00.000Z';
    return { steps: placementsAt(() => at), clock: { set: (iso: string) => void (at = iso) } };
  };
  const review = new ReviewService({
    reviews: repos.reviews,
    runs: repos.runs,
    audit: repos.audit,
    demands: repos.demands,
    enterprises: repos.enterprises,
    reference: repos.reference,
    placements: placements.placements,
    policies,
    now: overrides.now,
  });
  const verification = new VerificationService({
    reviews: repos.reviews,
    runs: repos.runs,
    audit: repos.audit,
    intake,
    experts: repos.experts,
    enterprises: repos.enterprises,
    demands: repos.demands,
    verifications: repos.verifications,
    policies,
    now: overrides.now,
  });
  const selection = createSelection(repos, transaction, policies, intakeReview, { ...selectionPorts, notifier: notifications, live });
  live.addAuthoriser((sub, channel) => selection.talks.authoriseChannel(sub, channel));
  const matchDefaults = new MatchDefaultsService({
    cycles: repos.reference,
    policies,
    enterpriseRegion: (code) => repos.enterprises.getByCreditCode(code)?.region,
    defaultProfile: config.matchDefaultProfile,
  });
  const services = {
    /** The Notifier (inbox + webhook outbox) that use-cases call inside their transaction. */
    notifications,
    webhooks: new WebhookEndpointService({ notifications: repos.notifications, audit: repos.audit, transaction }),
    live,
    auth: { accounts, sessions, apiKeys, audit, participantSessions, participantDirectory },
    selection: selection.api,
    agreedPairs: selection.agreedPairs,
    participantAccounts,
    accounts,
    userAdmin,
    apiKeys,
    intake,
    intakeReview,
    reader,
    policies,
    matchDefaults,
    cycleRuns: new CycleRunReader({ runs: repos.runs, reference: repos.reference }),
    review,
    verification,
    placements,
    demoPlacements,
    exporter: new RegionExportService({ reviews: review, reference: repos.reference }),
    summaryExport: new DemandSummaryExportService({ demands: repos.demands, enterprises: repos.enterprises, reference: repos.reference }),
    formImport: new OfficialFormImportService({ intake, transaction, enterprises: repos.enterprises, demands: repos.demands, reference: repos.reference }),
  };
  return services satisfies AppServices;
}

/**
 * The data directory holds personal data (and the demo passwords file): owner-only, 0700, whatever the umask.
 * Everything under it (index files, the WAL) is then out of other users' reach too.
 */
function restrictDataDir(dir: string, logger: Logger): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch (err) {
    // A mounted volume owned by someone else: the service still runs, the operator is told.
    logger.warn({ err, dir }, 'could not make the data directory owner-only (0700)');
  }
}

/** The database and its WAL and shared-memory files: 0600 (SQLite gives new WAL files the database's mode). */
function restrictFiles(files: string[]): void {
  for (const f of files) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * Opens (and migrates) `config.dbFile`, brings the code-defined reference regions into the database (an
 * explicit start-up step that writes only rows that differ), and builds every repository and service. The
 * model and the index are loaded by the first `matching()` call, so CLIs that only import or export never
 * pay for them.
 */
export function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  restrictDataDir(config.dataDir, logger);
  const db = openDatabase(config.dbFile);
  restrictFiles([config.dbFile, `${config.dbFile}-wal`, `${config.dbFile}-shm`]);
  const transaction = transactionOf(db);
  const repos = createRepositories(db);

  const regionsWritten = repos.reference.syncRegions(REGIONS);
  if (regionsWritten) logger.info({ regions: regionsWritten }, 'reference regions written');

  // Selection ranks through the shared ranker, loaded on first use like /v1/match (the model is not needed to start).
  const lazyRanker: Pick<Ranker, 'rank'> = { rank: async (q, o) => (await runtimeMatching()).ranker.rank(q, o) };
  const live = new LiveEventHub();
  const services = createServices(
    repos,
    transaction,
    overrides,
    live,
    config,
    {
      ranker: lazyRanker,
      now: overrides.now ?? (() => new Date().toISOString()),
      messageLimits: overrides.messageLimits,
    },
    { notifier: overrides.notifier },
  );
  const webhookDelivery = new WebhookDeliveryService({
    notifications: repos.notifications,
    transport: overrides.webhooks?.transport ?? createHttpWebhookTransport(config.webhooks.timeoutMs),
    logger,
    settings: { ...config.webhooks, ...overrides.webhooks },
  });
  const { policies } = services;

  const createCycleRunService: Runtime['createCycleRunService'] = (adapters) =>
    new CycleRunService({
      runs: repos.runs,
      leases: repos.runLeases,
      holder: processRunHolder,
      audit: repos.audit,
      transaction,
      demands: repos.demands,
      enterprises: repos.enterprises,
      experts: repos.experts,
      reference: repos.reference,
      policies,
      policyContext: repos.policyContext,
      agreedPairs: services.agreedPairs,
      progress: silentProgress,
      logger,
      clock: { now: () => new Date() },
      ...adapters,
    });

  let matching: Promise<Matching> | undefined;
  const runtimeMatching = () => (matching ??= buildMatching());
  let closeMatching: (() => Promise<void>) | undefined;
  const buildMatching = async (): Promise<Matching> => {
    const modelOptions = { modelDir: config.modelDir, model: config.embedModel, maxTokens: config.embedMaxTokens, batchSize: config.embedBatch };
    const model = overrides.embedder ? undefined : overrides.embedInWorker ? await WorkerEmbedder.load(modelOptions) : await TransformersEmbedder.load(modelOptions);
    const embedder = new EmbeddingService(overrides.embedder ?? model!, repos.embeddingCache);
    const keywords = createJiebaKeywordExtractor();
    const retrieval = new RetrievalService({
      embedder,
      keywords,
      retrieval: repos.retrieval,
      portraits: repos.portraits,
      experts: repos.experts,
      indexDir: config.indexDir,
      hnsw: config.hnsw,
      embedChunk: Math.max(config.embedBatch * 8, 64),
      logger,
      referenceYear: overrides.referenceYear,
      onClose: async () => {
        await model?.dispose();
      },
    });
    closeMatching = () => retrieval.close();
    // BM25 reads the portraits' jieba segmentation (same dictionary and domain words) plus character bigrams.
    const tokenizer = createLexicalTokenizer(keywords);
    const rankerWith = (options: HybridRankerOptions) =>
      new HybridRanker(
        {
          ranking: repos.ranking,
          experts: repos.experts,
          demands: repos.demands,
          enterprises: repos.enterprises,
          reference: repos.reference,
          policies,
          policyContext: repos.policyContext,
          retrieval,
          tokenizer,
        },
        { ...overrides.ranking, ...options },
      );
    const ranker = rankerWith({});
    // The model and the fusion weights decide the scores: a run is only resumed by the same ranker.
    const rankerId = `hybrid(${hashRecord(overrides.ranking?.weights ?? SHIPPED_WEIGHTS).slice(0, 12)})@${embedder.modelId}`;
    return {
      retrieval,
      ranker,
      rankerId,
      rankerWith,
      cycleRuns: (a) =>
        createCycleRunService({
          ranker: a.ranker ?? ranker,
          rankerId,
          syncRetrieval: (onProgress) => retrieval.sync({ onProgress }),
          progress: a.progress ?? silentProgress,
          logger: a.logger ?? logger,
          chunkSize: a.chunkSize,
          concurrency: a.concurrency,
        }),
    };
  };

  return {
    config,
    logger,
    transaction,
    db,
    repositories: repos,
    services,
    createCycleRunService,
    matching: runtimeMatching,
    probeDatabase: createWriteProbe(db, config.dbFile),
    webhookDelivery,
    async close() {
      await webhookDelivery.stop();
      live.closeAll();
      if (matching)
        await matching.then(
          () => closeMatching?.(),
          () => undefined,
        );
      closeDatabase(db);
    },
  };
}
