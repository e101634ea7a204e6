/** The key page's request log: rows per page, and the most a caller may ask for. */
export const DEFAULT_REQUEST_LOG_PAGE_SIZE = 25;
export const MAX_REQUEST_LOG_PAGE_SIZE = 100;
