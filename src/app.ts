import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { installAccessRules, type RouteRule } from './platform/auth/access.ts';
import { createAuditLog } from './platform/audit/audit-log.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createFileService, type FileService } from './platform/files/file-service.ts';
import { createLocalFileStore, type FileStore } from './platform/files/file-store.ts';
import { installUploads, multipartOptions } from './platform/files/uploads.ts';
import { cookieNames } from './platform/http/cookies.ts';
import { installCsrfCheck } from './platform/http/csrf.ts';
import { installErrorPages } from './platform/http/errors.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { installRendering } from './platform/http/render.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { installSessions } from './platform/http/sessions.ts';
import { staticAssets } from './platform/http/static-assets.ts';
import { worldBaseSvg } from './platform/geo/WorldMap.tsx';
import { createJobQueue, type JobQueue } from './platform/jobs/job-queue.ts';
import { createOutbox, type Outbox } from './platform/mail/outbox.ts';
import { createAccountsRepo } from './modules/accounts/accounts.repo.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createAccountsService, type AccountsService } from './modules/accounts/accounts.service.ts';
import { administrationRoutes } from './modules/administration/administration.routes.ts';
import { createAgreementsRepo } from './modules/agreements/agreements.repo.ts';
import { agreementsRoutes } from './modules/agreements/agreements.routes.ts';
import { createAgreementsService } from './modules/agreements/agreements.service.ts';
import { createCoursesRepo } from './modules/courses/courses.repo.ts';
import { coursesRoutes } from './modules/courses/courses.routes.ts';
import { createCoursesService, type CourseFollower } from './modules/courses/courses.service.ts';
import { createPartnersRepo } from './modules/partners/partners.repo.ts';
import { partnersRoutes } from './modules/partners/partners.routes.ts';
import { createPartnersService } from './modules/partners/partners.service.ts';
import { createCatalogueRepo } from './modules/posts/catalogue.repo.ts';
import { catalogueRoutes } from './modules/posts/catalogue.routes.ts';
import { createCatalogueService, type CatalogueService } from './modules/posts/catalogue.service.ts';
import { createPostsRepo } from './modules/posts/posts.repo.ts';
import { postsRoutes } from './modules/posts/posts.routes.ts';
import { createPostsService } from './modules/posts/posts.service.ts';
import { createRoundsRepo } from './modules/rounds/rounds.repo.ts';
import { roundsRoutes } from './modules/rounds/rounds.routes.ts';
import { createRoundsService } from './modules/rounds/rounds.service.ts';
import { createRoundQuestionsRepo } from './modules/rounds/round-questions.repo.ts';
import { roundQuestionsRoutes } from './modules/rounds/round-questions.routes.ts';
import { createRoundQuestionsService } from './modules/rounds/round-questions.service.ts';
import { createApplicationsRepo } from './modules/applications/applications.repo.ts';
import { applicationsRoutes } from './modules/applications/applications.routes.ts';
import { createApplicationsService } from './modules/applications/applications.service.ts';
import { installDeadlineReminders } from './modules/applications/deadline-reminders.ts';
import { createEligibilityOverridesRepo } from './modules/applications/eligibility-overrides.repo.ts';
import { createStaffApplicationsRepo } from './modules/applications/staff-applications.repo.ts';
import { staffApplicationsRoutes } from './modules/applications/staff-applications.routes.ts';
import { createStaffApplicationsService } from './modules/applications/staff-applications.service.ts';
import { createReviewsRepo } from './modules/selection/reviews.repo.ts';
import { reviewsRoutes } from './modules/selection/reviews.routes.ts';
import { createReviewsService } from './modules/selection/reviews.service.ts';
import { createRubricRepo } from './modules/selection/rubric.repo.ts';
import { rubricRoutes } from './modules/selection/rubric.routes.ts';
import { createRubricService } from './modules/selection/rubric.service.ts';
import { createSelectionSetupRepo } from './modules/selection/selection-setup.repo.ts';
import { selectionSetupRoutes } from './modules/selection/selection-setup.routes.ts';
import { createSelectionSetupService } from './modules/selection/selection-setup.service.ts';
import { createSelectionOverviewRepo } from './modules/selection/selection-overview.repo.ts';
import { selectionOverviewRoutes } from './modules/selection/selection-overview.routes.ts';
import { createSelectionOverviewService } from './modules/selection/selection-overview.service.ts';
import { createShortlistRepo } from './modules/selection/shortlist.repo.ts';
import { shortlistRoutes } from './modules/selection/shortlist.routes.ts';
import { createShortlistService } from './modules/selection/shortlist.service.ts';
import { createRankingsRepo } from './modules/selection/rankings.repo.ts';
import { rankingsRoutes } from './modules/selection/rankings.routes.ts';
import { createRankingsService } from './modules/selection/rankings.service.ts';
import { createAllocationInputsRepo } from './modules/matching/allocation-inputs.repo.ts';
import { createAllocationRepo } from './modules/matching/allocation.repo.ts';
import { allocationRoutes } from './modules/matching/allocation.routes.ts';
import { createAllocationService, type AllocationService } from './modules/matching/allocation.service.ts';
import { createInterviewsRepo } from './modules/selection/interviews.repo.ts';
import { interviewsRoutes } from './modules/selection/interviews.routes.ts';
import { createInterviewsService } from './modules/selection/interviews.service.ts';
import { createStudentsRepo } from './modules/students/students.repo.ts';
import { studentsRoutes } from './modules/students/students.routes.ts';
import { createStudentsService } from './modules/students/students.service.ts';
import { createEqualityRepo } from './modules/equality/equality.repo.ts';
import { createPseudonymiser } from './modules/equality/equality.pseudonym.ts';
import { equalityRoutes } from './modules/equality/equality.routes.ts';
import { createEqualityService } from './modules/equality/equality.service.ts';
import { installOfferExpiry } from './modules/matching/offer-expiry.ts';
import { createOffersRepo } from './modules/matching/offers.repo.ts';
import { offersRoutes } from './modules/matching/offers.routes.ts';
import { createOffersService } from './modules/matching/offers.service.ts';
import { createOutcomesService } from './modules/matching/outcomes.service.ts';
import { createPlacementsRepo } from './modules/placements/placements.repo.ts';
import { createPlacementsService } from './modules/placements/placements.service.ts';
import { navigationFor } from './modules/pages/navigation.ts';
import { pagesRoutes } from './modules/pages/pages.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  // a writable stream for the JSON log (tests read it to prove what is never logged)
  logStream?: NodeJS.WritableStream;
  // extra routes registered before the app is sealed (tests)
  extend?: (app: FastifyInstance) => void;
}

export interface Outbound {
  app: FastifyInstance;
  jobs: JobQueue;
  outbox: Outbox;
  files: FileService;
  fileStore: FileStore;
  accounts: AccountsService;
  catalogue: CatalogueService;
  // the allocation's own loader and runs (the allocation benchmark drives it)
  allocation: AllocationService;
  routes: RouteRule[];
}

const publicDir = fileURLToPath(new URL('../public', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<Outbound> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const secure = config.env === 'production';
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
  });
  const db = database.db;

  // platform
  const audit = createAuditLog(db, clock);
  const jobs = createJobQueue(db, clock, (msg, data) => app.log.warn(data, msg));
  const outbox = createOutbox({ db, clock, jobs, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const fileStore = createLocalFileStore(path.join(config.dataDir, 'files'));
  const files = createFileService({ db, store: fileStore, clock });
  const names = cookieNames(secure);
  const csrf = { names, secure, secret: config.secret };

  // modules: repos and services, wired here so the whole graph reads in one place
  const partnersRepo = createPartnersRepo(db);
  const accounts = createAccountsService({
    organisationKind: async (id) => (await partnersRepo.findOrganisation(id))?.kind,
    db,
    repo: createAccountsRepo(db),
    clock,
    audit,
    outbox,
    settings: {
      baseUrl: config.baseUrl,
      programmeName: config.programmeName,
      universityName: config.universityName,
      studentEmailDomains: config.studentEmailDomains,
    },
  });

  const partners = createPartnersService({ db, repo: partnersRepo, clock, audit });
  const agreements = createAgreementsService({ db, repo: createAgreementsRepo(db), clock, audit, jobs, outbox, partners, accounts, baseUrl: config.baseUrl });
  const roundQuestionsRepo = createRoundQuestionsRepo(db);
  const rounds = createRoundsService({ db, repo: createRoundsRepo(db), questions: roundQuestionsRepo, clock, audit, agreements });
  const roundQuestions = createRoundQuestionsService({ db, repo: roundQuestionsRepo, rounds, clock, audit });
  const posts = createPostsService({ db, repo: createPostsRepo(db), clock, audit, outbox, rounds, agreements, partners, accounts, baseUrl: config.baseUrl });
  // the students' profiles follow a course's new name or level (students is built next: it reads courses)
  const courseFollowers: CourseFollower[] = [];
  const courses = createCoursesService({ db, repo: createCoursesRepo(db), clock, audit, followers: courseFollowers });
  const students = createStudentsService({ db, repo: createStudentsRepo(db), clock, audit, courses });
  courseFollowers.push((course, tx) => students.followCourse(course, tx));
  const catalogue = createCatalogueService({ repo: createCatalogueRepo(db), clock, students });
  // equality monitoring reads only an application's round and whether it was submitted, and round names
  const equalityApplications = createApplicationsRepo(db);
  const equalityRounds = createRoundsRepo(db);
  const equality = createEqualityService({
    db,
    repo: createEqualityRepo(db),
    clock,
    audit,
    pseudonym: createPseudonymiser(config.secret),
    applications: { ownForEquality: (studentId, id) => equalityApplications.ownForEquality(studentId, id) },
    rounds: {
      all: async () => (await equalityRounds.list({})).map((r) => ({ id: r.id, name: r.name })),
      findById: async (id) => {
        const round = await equalityRounds.findById(id);
        return round ? { id: round.id, name: round.name } : undefined;
      },
    },
  });
  const applicationsRepo = createApplicationsRepo(db);
  const applications = createApplicationsService({
    db,
    repo: applicationsRepo,
    clock,
    audit,
    outbox,
    jobs,
    files,
    rounds,
    // the catalogue's in-memory snapshot of published posts (decision 0004)
    posts: catalogue,
    students,
    questions: roundQuestionsRepo,
    overrides: createEligibilityOverridesRepo(db),
    baseUrl: config.baseUrl,
  });
  const staffApplications = createStaffApplicationsService({ db, repo: createStaffApplicationsRepo(db), clock, audit, rounds });
  const reviews = createReviewsService({ db, repo: createReviewsRepo(db), clock, audit, files });
  const selectionSetupRepo = createSelectionSetupRepo(db);
  const selectionSetup = createSelectionSetupService({ db, repo: selectionSetupRepo, rounds, clock, audit });
  const rubric = createRubricService({ db, repo: createRubricRepo(db), setup: selectionSetupRepo, rounds, clock, audit });
  const shortlist = createShortlistService({ db, repo: createShortlistRepo(db), posts, setup: selectionSetup, rubric, clock, audit });
  const rankings = createRankingsService({ db, repo: createRankingsRepo(db), posts, rubric, clock, audit });
  const allocation = createAllocationService({ db, repo: createAllocationRepo(db), inputs: createAllocationInputsRepo(db), rounds, applications: staffApplications, clock, audit });
  const selectionOverview = createSelectionOverviewService({ repo: createSelectionOverviewRepo(db), rounds, posts, setup: selectionSetup, rubric, audit });
  // offers: publishing a run, answering offers, their expiry, and the explanation pages
  const offersRepo = createOffersRepo(db);
  const placements = createPlacementsService({ repo: createPlacementsRepo(db), audit });
  const offers = createOffersService({ db, repo: offersRepo, placements, clock, audit, outbox, jobs, baseUrl: config.baseUrl });
  const outcomes = createOutcomesService({ repo: offersRepo, audit });
  installOfferExpiry({ db, jobs, clock, outbox, audit, repo: offersRepo, baseUrl: config.baseUrl });
  const interviews = createInterviewsService({
    db,
    repo: createInterviewsRepo(db),
    clock,
    audit,
    outbox,
    settings: { baseUrl: config.baseUrl, programmeName: config.programmeName, mailFrom: config.mailFrom },
  });
  installDeadlineReminders({ db, jobs, clock, outbox, repo: applicationsRepo, rounds, students: { contact: accounts.contact }, baseUrl: config.baseUrl });

  // platform plugins, in the order they act on a request
  await app.register(cookie, { secret: config.secret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, multipartOptions);
  await installUploads(app, { tmpDir: path.join(config.dataDir, 'tmp') });
  await installSecurityHeaders(app);
  installSessions(app, { names, secure, resolve: (raw) => accounts.resolveSession(raw) });
  const routes = installAccessRules(app);
  installCsrfCheck(app, csrf);
  installRendering(app, {
    site: { programmeName: config.programmeName, universityName: config.universityName, programmeEmail: config.programmeEmail },
    navigation: navigationFor,
    names,
    secure,
    csrf,
    timeZone: 'Europe/London',
  });
  installErrorPages(app);

  // every module, in one visible list
  await app.register(staticAssets, { dir: publicDir, generated: { 'world-base.svg': worldBaseSvg } });
  await app.register(pagesRoutes, { ping: () => database.ping(), databaseKind: database.kind });
  await app.register(accountsRoutes, {
    accounts,
    cookies: names,
    secureCookies: secure,
    studentEmailDomains: config.studentEmailDomains,
    organisations: async () => (await partners.organisationsOfKind('partner')).concat(await partners.organisationsOfKind('funder')),
  });
  await app.register(administrationRoutes, { audit, outbox, smtpConfigured: Boolean(config.smtpUrl) });
  await app.register(partnersRoutes, { partners });
  await app.register(agreementsRoutes, { agreements, rounds, files });
  await app.register(roundsRoutes, { rounds, agreements, posts, questions: roundQuestions });
  await app.register(roundQuestionsRoutes, { questions: roundQuestions });
  await app.register(postsRoutes, { posts });
  await app.register(coursesRoutes, { courses });
  await app.register(studentsRoutes, { students });
  await app.register(catalogueRoutes, { catalogue });
  await app.register(applicationsRoutes, { applications, files, interviews });
  await app.register(staffApplicationsRoutes, { staffApplications });
  await app.register(reviewsRoutes, { reviews, files });
  await app.register(selectionSetupRoutes, { selectionSetup });
  await app.register(rubricRoutes, { rubric });
  await app.register(shortlistRoutes, { shortlist });
  await app.register(rankingsRoutes, { rankings });
  await app.register(allocationRoutes, { allocation, clock });
  await app.register(interviewsRoutes, { interviews });
  await app.register(selectionOverviewRoutes, { selectionOverview });
  await app.register(equalityRoutes, { equality });
  await app.register(offersRoutes, { offers, outcomes });
  deps.extend?.(app);

  await app.ready();
  return { app, jobs, outbox, files, fileStore, accounts, catalogue, allocation, routes };
}
