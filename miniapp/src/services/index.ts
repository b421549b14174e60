export { call, refreshSession, type ResultOf } from './client';
export { ApiError, messageOf } from './errors';
export { signInWithWechat, signOut, bindPhoneNumber, reloadCurrentUser } from './auth';
export { authMode, deviceSimName, isValidSimName, type AuthMode } from './platform';
export { getSessionState, subscribeSession, restoreSession, type SessionState } from './sessionStore';
export { switchToTab, stopPullDownRefresh, showToast } from './navigation';
export { canPickMapPoint, pickMapPoint, pickImages, uploadFile, mediaUrl, type PickedImage, type PickedLocation } from './media';
export { shareMode, shareUrlOf, copyShareLink } from './share';
