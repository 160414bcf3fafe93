// The elements' template types (GlobalComponents), generated from the package's custom-elements.json.
import type {} from 'care-record-elements/vue';
