// The elements' JSX types (IntrinsicElements), generated from the package's custom-elements.json.
import type {} from 'care-record-elements/react';
