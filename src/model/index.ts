export * from './banner.js';
export * from './encounters.js';
export * from './medications.js';
export * from './provenance.js';
export * from './restricted-record.js';
export * from './streams.js';
export * from './timeline.js';
export * from './medication-rows.js';
