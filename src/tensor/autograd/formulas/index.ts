// Loads every formula family into the registry (import for side effects).
import './flat';
import './elementwise';
import './reductions';
import './views';
import './linalg';
import './nn';
import './reorder';
import './conv';
import './special';
import './stats';
import './writes';
import './decomp';
import './einsum';
