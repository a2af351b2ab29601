// Filled by the commerce-core work: request and response schemas of this domain.
export {};
