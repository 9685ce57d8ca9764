// Request/response schemas of customer-archive.
export {};
