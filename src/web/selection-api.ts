// The REST endpoints the selection pages' forms send to (src/selection/selection.routes.ts: the same services the
// portals use); one place, so a renamed route is one edit.
export const SELECTION_API = {
  interests: () => '/v1/selection/interests',
  decline: (interestId: number) => `/v1/selection/interests/${interestId}/decline`,
  choose: (interestId: number) => `/v1/selection/interests/${interestId}/choose`,
  confirm: (interestId: number) => `/v1/selection/interests/${interestId}/confirm`,
  messages: (talkId: number) => `/v1/selection/talks/${talkId}/messages`,
  contacts: (talkId: number) => `/v1/selection/talks/${talkId}/contacts`,
  meetings: (talkId: number) => `/v1/selection/talks/${talkId}/meetings`,
  pause: () => '/v1/selection/me/pause',
  invitations: () => '/v1/participant-invitations',
  participantLogout: () => '/v1/participants/logout',
};
