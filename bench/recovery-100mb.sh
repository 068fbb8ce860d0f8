#!/usr/bin/env bash
# Recovery time of a replica with about 100 MB of state: four durable replicas, 1,750 puts of
# 60,000-byte values through `pbft client`, then replica 2 killed with SIGKILL and started again;
# prints the time from its start to serving and its recovery line. Writes under target/recovery.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
R=target/recovery; rm -rf $R; mkdir -p $R
./pbft keygen --n 4 --clients 2 --out $R/config --base-port 7600 > /dev/null
for i in 0 1 2 3; do
  ./pbft replica --config $R/config --id $i --data $R/data-$i > $R/replica-$i.log 2>&1 &
  echo $! > $R/pid-$i
done
sleep 8
python3 -c "
v = 'x' * 60000
for i in range(1750): print('put k%04d %s' % (i, v))
" > $R/load.txt
./pbft client --config $R/config --id 0 < $R/load.txt > $R/client.log 2>&1
echo "load: $(grep -c '^OK' $R/client.log) puts acknowledged; data directory of replica 2: $(du -sh $R/data-2 | cut -f1)"
kill -9 "$(cat $R/pid-2)"; sleep 1
t0=$(date +%s%N)
./pbft replica --config $R/config --id 2 --data $R/data-2 > $R/replica-2-restart.log 2>&1 &
echo $! > $R/pid-2
for _ in $(seq 1 1200); do grep -q "listening on" $R/replica-2-restart.log && break; sleep 0.1; done
t1=$(date +%s%N)
echo "replica 2: start to serving $(( (t1 - t0) / 1000000 )) ms"
grep "recovered" $R/replica-2-restart.log
for i in 0 1 2 3; do kill "$(cat $R/pid-$i)" 2>/dev/null; done
