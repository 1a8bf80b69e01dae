#!/usr/bin/env bash
# Start/stop a throwaway single-node OpenSearch 2.x on 127.0.0.1 for CI and local tests.
#
# The node is assembled purely from Maven Central artifacts:
#   org.opensearch.distribution.integ-test-zip:opensearch:<ver>:zip   (core + transport-netty4)
#   org.opensearch.plugin:analysis-common:<ver>                       (asciifolding, synonym_graph,
#                                                                      edge_ngram, word_delimiter_graph, ...)
#   org.opensearch.plugin:mapper-extras-client:<ver>                  (scaled_float, search_as_you_type, ...)
# No security plugin: plain http, no auth.
#
# Usage: scripts/opensearch.sh start|stop|status
# Env:   OPENSEARCH_PORT (9200), OPENSEARCH_VERSION (2.19.6), OPENSEARCH_HEAP (512m),
#        OPENSEARCH_CACHE (~/.cache/pbgdpl-opensearch: downloads), OPENSEARCH_DATA (/tmp/pbgdpl-opensearch:
#        install, data, logs), OPENSEARCH_JAVA_HOME (JDK 17 or 21; found automatically),
#        OPENSEARCH_START_TIMEOUT (seconds, 180), OPENSEARCH_USER (opensearch, used when run as root).
set -euo pipefail

VERSION="${OPENSEARCH_VERSION:-2.19.6}"
PORT="${OPENSEARCH_PORT:-9200}"
HEAP="${OPENSEARCH_HEAP:-512m}"
CACHE="${OPENSEARCH_CACHE:-${HOME:-/root}/.cache/pbgdpl-opensearch}"
DATA="${OPENSEARCH_DATA:-/tmp/pbgdpl-opensearch}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
OS_USER="${OPENSEARCH_USER:-opensearch}"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

OS_HOME="$DATA/opensearch-$VERSION"
CONF="$DATA/config"
PIDFILE="$DATA/opensearch.pid"
LOGDIR="$DATA/logs"
URL="http://127.0.0.1:$PORT"
# Modules added to the integ-test distribution: "artifactId|plugin name|plugin class".
MODULES=(
    "analysis-common|analysis-common|org.opensearch.analysis.common.CommonAnalysisPlugin"
    "mapper-extras-client|mapper-extras|org.opensearch.index.mapper.MapperExtrasPlugin"
)

log() { echo "[opensearch] $*" >&2; }
die() { echo "[opensearch] ERROR: $*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
    # Install Debian packages non-interactively (root only); apt-get update once per run.
    [ "$(id -u)" -eq 0 ] || die "missing packages ($*) and not root: install them first"
    command -v apt-get >/dev/null || die "missing packages ($*) and no apt-get"
    if [ "$APT_UPDATED" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
    local missing=()
    command -v curl >/dev/null || missing+=(curl ca-certificates)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v mvn >/dev/null || [ -f "$CACHE/opensearch-$VERSION.zip" ] || missing+=(maven)
    if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

java_major() {
    # Print the feature version of the JDK at $1 (e.g. 17).
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

find_java() {
    # OpenSearch 2.19 needs JDK 11..21 (JDK 24+ dropped the security manager it relies on).
    if [ -n "${OPENSEARCH_JAVA_HOME:-}" ]; then
        [ -x "$OPENSEARCH_JAVA_HOME/bin/java" ] || die "OPENSEARCH_JAVA_HOME=$OPENSEARCH_JAVA_HOME has no bin/java"
        echo "$OPENSEARCH_JAVA_HOME"
        return
    fi
    local d
    for d in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-21-openjdk-* /usr/lib/jvm/*; do
        [ -x "$d/bin/java" ] || continue
        case "$(java_major "$d")" in
            11 | 17 | 21) echo "$d"; return ;;
        esac
    done
    apt_install openjdk-17-jre-headless
    for d in /usr/lib/jvm/java-17-openjdk-*; do
        [ -x "$d/bin/java" ] && { echo "$d"; return; }
    done
    die "no JDK 11/17/21 found; set OPENSEARCH_JAVA_HOME"
}

fetch() {
    # fetch GROUP:ARTIFACT:VERSION[:TYPE] FILE -> copy the artifact from Maven Central into the cache.
    local gav="$1" file="$2"
    [ -s "$CACHE/$file" ] && return
    log "downloading $gav from Maven Central"
    mkdir -p "$CACHE"
    if ! mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$CACHE/m2" "$DEP_PLUGIN:copy" \
        -Dartifact="$gav" -DoutputDirectory="$CACHE" -Dmdep.overWriteReleases=true >"$CACHE/mvn.log" 2>&1; then
        tail -n 20 "$CACHE/mvn.log" >&2
        die "could not download $gav (Maven Central reachable? version served?)"
    fi
    [ -s "$CACHE/$file" ] || die "$gav downloaded but $CACHE/$file is missing"
}

assemble() {
    # Build $OS_HOME once: unzip the distribution and drop the extra modules in.
    [ -f "$OS_HOME/.pbgdpl-ready" ] && return
    fetch "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" "opensearch-$VERSION.zip"
    local m artifact name class
    for m in "${MODULES[@]}"; do
        IFS='|' read -r artifact name class <<<"$m"
        fetch "org.opensearch.plugin:$artifact:$VERSION:jar" "$artifact-$VERSION.jar"
    done
    log "assembling $OS_HOME"
    rm -rf "$OS_HOME" "$OS_HOME.tmp"
    mkdir -p "$OS_HOME.tmp"
    unzip -q "$CACHE/opensearch-$VERSION.zip" -d "$OS_HOME.tmp"
    mv "$OS_HOME.tmp/opensearch-$VERSION" "$OS_HOME"
    rmdir "$OS_HOME.tmp"
    for m in "${MODULES[@]}"; do
        IFS='|' read -r artifact name class <<<"$m"
        mkdir -p "$OS_HOME/modules/$name"
        cp "$CACHE/$artifact-$VERSION.jar" "$OS_HOME/modules/$name/"
        cat >"$OS_HOME/modules/$name/plugin-descriptor.properties" <<EOF
description=$name module (added from Maven Central by pbgdpl)
version=$VERSION
name=$name
classname=$class
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    done
    mkdir -p "$OS_HOME/plugins"
    touch "$OS_HOME/.pbgdpl-ready"
}

write_config() {
    # (Re)write config each start so env overrides (port, heap) always apply.
    mkdir -p "$CONF/jvm.options.d" "$DATA/data" "$LOGDIR" "$DATA/tmp"
    cp "$OS_HOME/config/log4j2.properties" "$CONF/"
    # Heap goes to jvm.options.d; relative dump/log paths point into $DATA.
    sed -e '/^-Xm[sx]/d' \
        -e "s#=logs/#=$LOGDIR/#g; s#file=logs/gc.log#file=$LOGDIR/gc.log#; s#HeapDumpPath=data#HeapDumpPath=$DATA/tmp#" \
        "$OS_HOME/config/jvm.options" >"$CONF/jvm.options"
    printf -- '-Xms%s\n-Xmx%s\n' "$HEAP" "$HEAP" >"$CONF/jvm.options.d/heap.options"
    cat >"$CONF/opensearch.yml" <<EOF
cluster.name: pbgdpl
node.name: pbgdpl-node
path.data: $DATA/data
path.logs: $LOGDIR
network.host: 127.0.0.1
http.port: $PORT
discovery.type: single-node
# Test machines have small or full disks: never block writes on disk watermarks.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
}

running_pid() {
    # Print the pid if our node process is alive.
    [ -f "$PIDFILE" ] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

health() { curl -fsS -m 5 "$URL/_cluster/health" 2>/dev/null; }

show_logs() {
    echo "---- tail of $LOGDIR/pbgdpl.log ----" >&2
    tail -n 60 "$LOGDIR/pbgdpl.log" >&2 2>/dev/null || echo "(no node log)" >&2
    echo "---- tail of $LOGDIR/startup.out ----" >&2
    tail -n 30 "$LOGDIR/startup.out" >&2 2>/dev/null || true
}

cmd_start() {
    if pid="$(running_pid)"; then
        log "already running (pid $pid) on $URL"
        health && echo
        return 0
    fi
    if curl -fsS -m 3 "$URL" >/dev/null 2>&1; then
        die "something else already answers on $URL (not started by this script); set OPENSEARCH_PORT"
    fi
    local t0=$SECONDS
    ensure_tools
    local java_home
    java_home="$(find_java)"
    log "using JDK $java_home (Java $(java_major "$java_home"))"
    assemble
    write_config
    if [ "$(id -u)" -eq 0 ]; then
        id -u "$OS_USER" >/dev/null 2>&1 ||
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$OS_USER"
        chown -R "$OS_USER:" "$DATA"
    fi
    rm -f "$PIDFILE"
    log "starting OpenSearch $VERSION on $URL (heap $HEAP, data $DATA)"
    # Foreground mode in a detached session (bin/opensearch -d exits 0 even on errors,
    # so we keep our own child pid to notice an early death).
    local child as_user=()
    # OpenSearch refuses to run as root: drop to an unprivileged user.
    if [ "$(id -u)" -eq 0 ]; then as_user=(runuser -u "$OS_USER" --); fi
    (
        cd "$DATA"
        exec setsid "${as_user[@]}" env OPENSEARCH_JAVA_HOME="$java_home" JAVA_HOME="$java_home" \
            OPENSEARCH_PATH_CONF="$CONF" OPENSEARCH_TMPDIR="$DATA/tmp" \
            "$OS_HOME/bin/opensearch" -q -p "$PIDFILE" </dev/null >"$LOGDIR/startup.out" 2>&1
    ) &
    child=$!

    # Wait for green (no indexes) or yellow (single node with replicas configured).
    local deadline=$((SECONDS + TIMEOUT)) h
    while :; do
        if h="$(curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null)" &&
            echo "$h" | grep -Eq '"status":"(green|yellow)"'; then
            log "up after $((SECONDS - t0))s: $h"
            return 0
        fi
        if ! kill -0 "$child" 2>/dev/null; then
            show_logs
            die "OpenSearch process exited during startup"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            show_logs
            cmd_stop
            kill "$child" 2>/dev/null || true
            die "OpenSearch not healthy on $URL after ${TIMEOUT}s (node stopped)"
        fi
        sleep 2
    done
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running"
        rm -f "$PIDFILE"
        return 0
    fi
    log "stopping pid $pid"
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still alive after 30s, sending SIGKILL"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    log "stopped"
}

cmd_status() {
    local pid h
    if pid="$(running_pid)" && h="$(health)"; then
        echo "$h"
        log "running (pid $pid) on $URL"
        return 0
    fi
    log "not running on $URL"
    return 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
