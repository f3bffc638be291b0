# Interpreter bench: a 100k-iteration pure-Python loop (no torch). Timed by bench/interp.ts through
# runScript and by time_cpython.py under CPython 3.13 in the oracle chroot.
s = 0
for i in range(100000):
    s += i * 2
print(s)
