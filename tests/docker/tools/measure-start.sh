#!/usr/bin/env bash
# measure-start.sh IMAGE... : for each image, its size and the time from `docker run` to the first 200 from
# /health (polled every 20 ms), RUNS times (default 5), the images taking turns so that load on the machine
# falls on all of them alike. Prints the median and the range per image. Needs a running engine and curl.
#   e.g. docker build --network host --build-arg READY_TO_RUN=false -t connectmock:il .
#        tests/docker/tools/measure-start.sh connectmock:ci connectmock:il
set -euo pipefail
RUNS=${RUNS:-5}
PORT=${PORT:-18181}
declare -A times
for run in $(seq 1 "$RUNS"); do
  for image in "$@"; do
    started=$EPOCHREALTIME
    cid=$(docker run -d -p "127.0.0.1:$PORT:8080" "$image")
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health")" = 200 ]; do
      sleep 0.02
    done
    took=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    docker rm -f "$cid" > /dev/null
    times[$image]+="$took "
    echo "run $run $image: first 200 after $took s" >&2
  done
done
for image in "$@"; do
  size=$(docker image inspect -f '{{.Size}}' "$image")
  # shellcheck disable=SC2086 # the times are one word each
  read -r median low high runs < <(printf '%s\n' ${times[$image]} | sort -n \
    | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR], NR }')
  printf '%s\t%s MB\tfirst 200 after docker run: median %s s (min %s, max %s, %s runs)\n' \
    "$image" "$((size / 1000000))" "$median" "$low" "$high" "$runs"
done
