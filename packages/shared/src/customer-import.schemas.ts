// Request/response schemas of customer-import.
export {};
