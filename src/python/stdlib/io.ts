// The `io` module as checkpointing scripts use it: BytesIO (an in-memory target for torch.save /
// torch.load), StringIO (a working text buffer), open (the builtin), UnsupportedOperation and the
// SEEK_* constants. The stream types themselves live in streams.ts.

import { PyBuiltinFunction, type PyValue } from '../object';
import { registerModule } from '../interp/modules';
import { makeModule } from './native';
import { openFile } from './open';
import { BufferedReaderType, BufferedWriterType, BytesIOType, StringIOType, TextIOWrapperType, UnsupportedOperation } from './streams';

function ioModule(): PyValue {
  return makeModule('io', {
    BytesIO: BytesIOType,
    StringIO: StringIOType,
    TextIOWrapper: TextIOWrapperType,
    BufferedReader: BufferedReaderType,
    BufferedWriter: BufferedWriterType,
    UnsupportedOperation,
    open: new PyBuiltinFunction('open', openFile, 'io.open'),
    SEEK_SET: 0,
    SEEK_CUR: 1,
    SEEK_END: 2,
    DEFAULT_BUFFER_SIZE: 8192,
  });
}

registerModule('io', ioModule);
