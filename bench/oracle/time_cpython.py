# Measures CPython 3.13 (+ PyTorch 2.6 for forward.py) on the interpreter bench scripts, the
# figures bench/interp.ts shows as the baseline. Each script is compiled and exec'd in-process
# (as runScript parses, compiles and runs), stdout discarded; median wall time of 15 runs after
# 2 warm-ups. Needs root and the oracle chroot (it is NOT run by `npm run bench`):
#   mkdir -p /var/lib/torch-oracle/tmp/ib && cp bench/oracle/*.py /var/lib/torch-oracle/tmp/ib/ && \
#   chroot /var/lib/torch-oracle python3 /tmp/ib/time_cpython.py "machine note" /tmp/ib/cpython.json && \
#   cp /var/lib/torch-oracle/tmp/ib/cpython.json bench/oracle/
# (a file, not stdout: torch's UCX layer prints noise on stdout inside the chroot)
import contextlib
import datetime
import io
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS, WARMUP = 15, 2


def time_script(name):
    src = open(os.path.join(HERE, name)).read()
    ts = []
    for i in range(WARMUP + RUNS):
        t0 = time.perf_counter()
        code = compile(src, 'main.py', 'exec')
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {'__name__': '__main__'})
        if i >= WARMUP:
            ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts)


import torch  # noqa: E402  (imported once, outside the timing, as our bindings are)

torch.set_num_threads(1)
out = {
    'date': datetime.date.today().isoformat(),
    'machine': sys.argv[1] if len(sys.argv) > 1 else '',
    'python': sys.version.split()[0],
    'torch': torch.__version__,
    'unit': 'ms (median wall time of %d runs, compile + exec)' % RUNS,
    'loop.py': time_script('loop.py'),
    'forward.py': time_script('forward.py'),
}
with open(sys.argv[2], 'w') as fh:
    fh.write(json.dumps(out, indent=1) + '\n')
