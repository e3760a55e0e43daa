import { seg } from './html';

// The REST endpoints the selection pages' forms post to (the selection API, the same services as portals use);
// one place, so a renamed route is one edit.
export const SELECTION_API = {
  interest: (demandId: string) => `/v1/selection/demands/${seg(demandId)}/interest`,
  named: (demandId: string) => `/v1/selection/demands/${seg(demandId)}/named`,
  expertInterest: (demandId: string) => `/v1/selection/demands/${seg(demandId)}/expert-interest`,
  messages: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/messages`,
  decline: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/decline`,
  choose: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/choose`,
  confirm: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/confirm`,
  accept: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/accept`,
  meeting: (talkId: string) => `/v1/selection/talks/${seg(talkId)}/meeting`,
  pause: () => `/v1/selection/me/pause`,
  inboxRead: (id: string) => `/v1/inbox/${seg(id)}/read`,
  invitations: () => `/v1/participants/invitations`,
  acceptInvitation: (token: string) => `/v1/participants/invitations/${seg(token)}/accept`,
};
