import type { StoreReads } from './store.js';

/**
 * The reads a store answers outside a transaction, passed to the adapter's own reader;
 * both adapters extend it, so a new read is added in one place.
 */
export abstract class ReadsDelegate implements StoreReads {
  protected constructor(protected readonly reads: StoreReads) {}

  subjectIdKey: StoreReads['subjectIdKey'] = () => this.reads.subjectIdKey();
  getSubject: StoreReads['getSubject'] = (id) => this.reads.getSubject(id);
  getSubjects: StoreReads['getSubjects'] = (ids) => this.reads.getSubjects(ids);
  findSubjects: StoreReads['findSubjects'] = (keys) => this.reads.findSubjects(keys);
  readSubjectFile: StoreReads['readSubjectFile'] = (key) => this.reads.readSubjectFile(key);
  getAuthority: StoreReads['getAuthority'] = (id) => this.reads.getAuthority(id);
  listAuthorities: StoreReads['listAuthorities'] = () => this.reads.listAuthorities();
  findRecordHeads: StoreReads['findRecordHeads'] = (keys) => this.reads.findRecordHeads(keys);
  getRecordVersion: StoreReads['getRecordVersion'] = (id) => this.reads.getRecordVersion(id);
  listRecordVersions: StoreReads['listRecordVersions'] = (id) => this.reads.listRecordVersions(id);
  listAudit: StoreReads['listAudit'] = (after, limit) => this.reads.listAudit(after, limit);
  auditHead: StoreReads['auditHead'] = () => this.reads.auditHead();
  counts: StoreReads['counts'] = () => this.reads.counts();
  findReach: StoreReads['findReach'] = (keys) => this.reads.findReach(keys);
  scanRecordVersions: StoreReads['scanRecordVersions'] = (scan) =>
    this.reads.scanRecordVersions(scan);
  recentRecordVersions: StoreReads['recentRecordVersions'] = (scan) =>
    this.reads.recentRecordVersions(scan);
  scanSubjects: StoreReads['scanSubjects'] = (kinds, after, limit) =>
    this.reads.scanSubjects(kinds, after, limit);
  listRecordFactsOf: StoreReads['listRecordFactsOf'] = (ids) => this.reads.listRecordFactsOf(ids);
  getMerge: StoreReads['getMerge'] = (id) => this.reads.getMerge(id);
  listMerges: StoreReads['listMerges'] = (id) => this.reads.listMerges(id);
  getRatingRun: StoreReads['getRatingRun'] = (id) => this.reads.getRatingRun(id);
  listRatingRuns: StoreReads['listRatingRuns'] = (limit, model) =>
    this.reads.listRatingRuns(limit, model);
  listRunRatings: StoreReads['listRunRatings'] = (run, after, limit) =>
    this.reads.listRunRatings(run, after, limit);
  listRatingsOf: StoreReads['listRatingsOf'] = (ids, model) => this.reads.listRatingsOf(ids, model);
  previousRatings: StoreReads['previousRatings'] = (ids, model, before) =>
    this.reads.previousRatings(ids, model, before);
  getListEntry: StoreReads['getListEntry'] = (id) => this.reads.getListEntry(id);
  listEntriesOf: StoreReads['listEntriesOf'] = (ids) => this.reads.listEntriesOf(ids);
  findListEntries: StoreReads['findListEntries'] = (query, limit, afterId) =>
    this.reads.findListEntries(query, limit, afterId);
  listTransitions: StoreReads['listTransitions'] = (id) => this.reads.listTransitions(id);
  readFeed: StoreReads['readFeed'] = (after, limit) => this.reads.readFeed(after, limit);
  getAccount: StoreReads['getAccount'] = (id) => this.reads.getAccount(id);
  listAccounts: StoreReads['listAccounts'] = (after, limit) =>
    this.reads.listAccounts(after, limit);
  listInquiries: StoreReads['listInquiries'] = (subject, after, limit) =>
    this.reads.listInquiries(subject, after, limit);
  getWebhook: StoreReads['getWebhook'] = (id) => this.reads.getWebhook(id);
  listWebhooks: StoreReads['listWebhooks'] = (filter) => this.reads.listWebhooks(filter);
  getObjection: StoreReads['getObjection'] = (id) => this.reads.getObjection(id);
  listObjectionsOf: StoreReads['listObjectionsOf'] = (ids) => this.reads.listObjectionsOf(ids);
  findOpenObjections: StoreReads['findOpenObjections'] = (query, limit) =>
    this.reads.findOpenObjections(query, limit);
  getRepair: StoreReads['getRepair'] = (id) => this.reads.getRepair(id);
  listRepairsOf: StoreReads['listRepairsOf'] = (ids) => this.reads.listRepairsOf(ids);
  findOpenRepairs: StoreReads['findOpenRepairs'] = (query, limit) =>
    this.reads.findOpenRepairs(query, limit);
  matchSearchKeys: StoreReads['matchSearchKeys'] = (values, filter, limit, kinds) =>
    this.reads.matchSearchKeys(values, filter, limit, kinds);
  fragmentSearchKeys: StoreReads['fragmentSearchKeys'] = (groups, length, filter, limit) =>
    this.reads.fragmentSearchKeys(groups, length, filter, limit);
  findIssuedReport: StoreReads['findIssuedReport'] = (codeHash) =>
    this.reads.findIssuedReport(codeHash);
  pendingFollowUps: StoreReads['pendingFollowUps'] = (ids, limit) =>
    this.reads.pendingFollowUps(ids, limit);
}
