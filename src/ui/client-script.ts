export const CLIENT_SCRIPT = '';
