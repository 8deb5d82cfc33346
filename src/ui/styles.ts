export const STYLES = 'body{font-family:system-ui,sans-serif}';
