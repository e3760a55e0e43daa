import type { ExpertPauseService } from './expert-pause.service';
import type { InterestService } from './interest.service';
import type { SelectionOversightService } from './selection-oversight.service';
import type { SelectionSettingsService } from './selection-settings.service';
import type { ShortlistService } from './shortlist.service';
import type { TalkService } from './talk.service';
import type { SelectionApi } from './selection.types';

export type SelectionParts = {
  shortlists: ShortlistService;
  interests: InterestService;
  talks: TalkService;
  pause: ExpertPauseService;
  oversight: SelectionOversightService;
  settings: SelectionSettingsService;
};

/** The flow's one face for routes and pages: each call goes to the use-case family that owns it. */
export function createSelectionApi(p: SelectionParts): SelectionApi {
  return {
    enterpriseDemands: (party) => p.oversight.enterpriseDemands(party),
    shortlist: (party, demandId) => p.shortlists.shortlist(party, demandId),
    expressInterest: (party, body) => p.interests.expressInterest(party, body),
    listInterests: (party, filter) => p.interests.listInterests(party, filter),
    decline: (party, id, reason) => p.interests.decline(party, id, reason),
    choose: (party, id) => p.interests.choose(party, id),
    confirm: (party, id) => p.interests.confirm(party, id),
    invitations: (party) => p.interests.invitations(party),
    matches: (party) => p.shortlists.matches(party),
    expertSettings: (party) => p.pause.settings(party),
    setPaused: (party, paused) => p.pause.setPaused(party, paused),
    listTalks: (viewer, filter) => p.talks.listTalks(viewer, filter),
    getTalk: (viewer, id) => p.talks.getTalk(viewer, id),
    postMessage: (party, id, body) => p.talks.postMessage(party, id, body),
    readContacts: (party, id) => p.talks.readContacts(party, id),
    requestMeeting: (party, id, body) => p.talks.requestMeeting(party, id, body),
    noteMeetingOutcome: (overseer, id, body) => p.talks.noteMeetingOutcome(overseer, id, body),
    demandStages: (overseer, q) => p.oversight.demandStages(overseer, q),
    staleDemands: (overseer, q) => p.oversight.staleDemands(overseer, q),
    cycleSettings: (cycleId) => p.settings.settings(cycleId),
    setCycleSettings: (cycleId, body, actor) => p.settings.save(cycleId, body, actor),
  };
}
