#!/usr/bin/env bash
# Vendored unchanged (apart from these three lines) from the team's shared tools,
# /work/shared/tools/container/make-local-bases.sh, so that a clean clone can run the docker suite;
# tests/docker/run.sh follows the flow of its sibling ci-docker-smoke.sh.
# make-local-bases.sh — build local stand-ins for the .NET 10 container base images
#   mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet,sdk}:10.0
# WITHOUT pulling from any registry, so that an unchanged multi-stage Dockerfile whose
# FROM lines name those images builds on a machine that cannot reach mcr/Docker Hub.
#
# How: debootstrap a minimal Debian (suite and mirror = the ones the host's apt uses)
# -> `docker import` as local/debian:<suite>-slim -> four small Dockerfiles that COPY in
# the host's own .NET install (dotnet host, shared runtimes, SDK) and set the same ENV
# and non-root user ('app', uid 1654, $APP_UID) as the official images.
#
# Differs from the real images: Debian base (the real :10.0 is Ubuntu noble), no
# PowerShell in the SDK image, versions = whatever the host has installed, and the SDK
# image also trusts the extra public CA certificates the host trusts (needed when NuGet
# is reached through a TLS-intercepting proxy) and sets NUGET_CERT_REVOCATION_MODE=offline.
#
# Idempotent: images carry a fingerprint label (this file's hash + versions + CAs);
# when every image is current the script only re-applies tags (a few seconds).
# FORCE=1 rebuilds everything.
#
# Needs: root, a running Docker engine (`docker info` answers), network to the Debian
# mirror (host side for debootstrap; inside a --network host build for the SDK image's
# apt-get), debootstrap (installed with apt-get if missing).
#
# Knobs (env): FORCE=1 | DEBIAN_SUITE (default host's VERSION_CODENAME)
#   DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR (default: taken from the host's apt sources)
#   DOTNET_HOME (default: resolved from `command -v dotnet`)
#   TAG_SUFFIXES (default "<suite>-slim"; e.g. "bookworm-slim noble" also tags :10.0-noble)
#   TAG_ONLY_LOCAL=1 (only local/dotnet-*:… tags, no mcr.microsoft.com/dotnet/* tags)
set -euo pipefail
export DOCKER_BUILDKIT=0   # base Dockerfiles are classic-builder compatible; no buildx needed

DEB_REV=1                  # bump when the rootfs recipe below changes
log() { printf '[make-local-bases %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v docker >/dev/null || die "docker CLI not found"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd first)"

# ---- inputs ---------------------------------------------------------------------
. /etc/os-release
SUITE=${DEBIAN_SUITE:-${VERSION_CODENAME:-bookworm}}

apt_uri_for() { # $1 = suite name -> first apt URI that serves it (deb822 or one-line format)
  local f u
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    u=$(awk -v s="$1" 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb( |\n|$)/ {
          uri=""; hit=0; n=split($0, L, "\n")
          for (i=1;i<=n;i++) { if (L[i] ~ /^URIs:/) { split(L[i], a, " "); uri=a[2] }
                               if (L[i] ~ /^Suites:/) { m=split(L[i], b, " "); for (j=2;j<=m;j++) if (b[j]==s) hit=1 } }
          if (hit && uri!="") { print uri; exit } }' "$f")
    [ -n "$u" ] && { echo "$u"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    u=$(awk -v s="$1" '$1=="deb" { for (i=2;i<NF;i++) if ($i ~ /^(https?|file):/ && $(i+1)==s) { print $i; exit } }' "$f")
    [ -n "$u" ] && { echo "$u"; return; }
  done
}
MIRROR=${DEBIAN_MIRROR:-$(apt_uri_for "$SUITE")}
[ -n "$MIRROR" ] || die "no apt source for suite $SUITE found; set DEBIAN_MIRROR"
SEC_MIRROR=${DEBIAN_SECURITY_MIRROR:-$(apt_uri_for "$SUITE-security")}

DOTNET_HOME=${DOTNET_HOME:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
[ -x "$DOTNET_HOME/dotnet" ] || die "no dotnet host in DOTNET_HOME=$DOTNET_HOME"
latest() { ls -1 "$1" 2>/dev/null | grep -E "^$2\." | sort -V | tail -n1; }
RT_VER=$(latest "$DOTNET_HOME/shared/Microsoft.NETCore.App" 10.0)
ASP_VER=$(latest "$DOTNET_HOME/shared/Microsoft.AspNetCore.App" 10.0)
SDK_VER=$(latest "$DOTNET_HOME/sdk" 10.0)
HOSTFXR_VER=$(latest "$DOTNET_HOME/host/fxr" 10.0)
[ -n "$RT_VER" ] && [ -n "$ASP_VER" ] && [ -n "$SDK_VER" ] && [ -n "$HOSTFXR_VER" ] \
  || die "need a .NET 10 runtime, ASP.NET Core runtime, SDK and hostfxr under $DOTNET_HOME"

# extra public CA certificates the host trusts (never anything with a private key)
CA_FILES=()
for crt in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$crt" ] || continue
  if grep -q 'BEGIN CERTIFICATE' "$crt" && ! grep -q 'PRIVATE KEY' "$crt"; then CA_FILES+=("$crt"); fi
done

MAJOR=10.0
REPO_PREFIX=mcr.microsoft.com/dotnet
DEB_TAG=local/debian:$SUITE-slim
TAG_SUFFIXES=${TAG_SUFFIXES:-$SUITE-slim}
LABEL_KEY=local.dotnet-bases.fingerprint
FP=$( { sha256sum < "${BASH_SOURCE[0]}"; printf '%s\n' "$SUITE" "$RT_VER" "$ASP_VER" "$SDK_VER" "$HOSTFXR_VER";
        [ ${#CA_FILES[@]} -gt 0 ] && cat "${CA_FILES[@]}"; } | sha256sum | cut -c1-16)
log "suite=$SUITE mirror=$MIRROR runtime=$RT_VER aspnet=$ASP_VER sdk=$SDK_VER extra-CAs=${#CA_FILES[@]} fingerprint=$FP"

fp_of() { docker image inspect --format "{{ index .Config.Labels \"$LABEL_KEY\" }}" "$1" 2>/dev/null || true; }
tags_for() { # kind exact-version -> every alias tag
  local k=$1 v=$2 s
  echo "local/dotnet-$k:$v"
  for s in $TAG_SUFFIXES; do echo "local/dotnet-$k:$MAJOR-$s"; done
  if [ "${TAG_ONLY_LOCAL:-0}" != 1 ]; then
    echo "$REPO_PREFIX/$k:$MAJOR" "$REPO_PREFIX/$k:$v"
    for s in $TAG_SUFFIXES; do echo "$REPO_PREFIX/$k:$MAJOR-$s"; done
  fi
}
apply_tags() { local t; for t in $(tags_for "$1" "$2"); do docker tag "local/dotnet-$1:$MAJOR" "$t"; done; }
KINDS=("runtime-deps $RT_VER" "runtime $RT_VER" "aspnet $ASP_VER" "sdk $SDK_VER")

all_current=1
for kv in "${KINDS[@]}"; do set -- $kv; [ "$(fp_of "local/dotnet-$1:$MAJOR")" = "$FP" ] || all_current=0; done
if [ "${FORCE:-0}" != 1 ] && [ "$all_current" = 1 ]; then
  for kv in "${KINDS[@]}"; do set -- $kv; apply_tags "$1" "$2"; done
  log "all base images current (fingerprint $FP): nothing to build (FORCE=1 rebuilds)"
  exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/local-bases.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# ---- 1. minimal Debian rootfs -> local/debian:<suite>-slim -------------------------
if [ "${FORCE:-0}" = 1 ] || [ "$(fp_of "$DEB_TAG")" != "$SUITE-$DEB_REV" ]; then
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  R=$WORK/rootfs
  log "debootstrap --variant=minbase $SUITE from $MIRROR (about 1-2 min)"
  # + the .NET runtime dependencies that the official runtime-deps image installs
  debootstrap --variant=minbase \
    --include=ca-certificates,libicu72,libssl3,libstdc++6,libgcc-s1,tzdata,zlib1g \
    "$SUITE" "$R" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  # slim like debian:*-slim: no docs/man/locales, now or after later apt installs
  cat > "$R/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
  rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/cache/apt/*.bin "$R"/var/lib/apt/lists/* \
         "$R"/usr/share/man/* "$R"/usr/share/info/* "$R"/usr/share/locale/* "$R"/usr/share/lintian/* \
         "$R"/var/log/*.log "$R"/var/log/apt/* "$R"/tmp/* "$R"/dev/* "$R"/etc/machine-id
  find "$R/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  find "$R/usr/share/doc" -mindepth 1 -type d -empty -delete
  mkdir -p "$R/var/lib/apt/lists/partial"
  : > "$R/etc/hostname"; : > "$R/etc/resolv.conf"   # the engine provides both at run time
  {
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [ -n "$SEC_MIRROR" ] && echo "deb $SEC_MIRROR $SUITE-security main"
  } > "$R/etc/apt/sources.list"
  log "docker import -> $DEB_TAG"
  tar --numeric-owner -C "$R" -c . | docker import \
      --change 'CMD ["bash"]' --change "LABEL $LABEL_KEY=$SUITE-$DEB_REV" - "$DEB_TAG" >/dev/null
  rm -rf "$R"
else
  log "$DEB_TAG is current; reusing it"
fi

# ---- 2. build contexts: hard links into the host's .NET install (no data copied) ----
link() { # link PATH-relative-to-DOTNET_HOME CONTEXT-DIR
  mkdir -p "$2/$(dirname "$1")"
  cp -al "$DOTNET_HOME/$1" "$2/$1" 2>/dev/null || { rm -rf "${2:?}/$1"; cp -a "$DOTNET_HOME/$1" "$2/$1"; }
}
C=$WORK/ctx
mkdir -p "$C/runtime-deps" "$C/runtime/dotnet" "$C/aspnet/dotnet" "$C/sdk/dotnet" "$C/sdk/ca"
for p in dotnet LICENSE.txt ThirdPartyNotices.txt "host/fxr/$HOSTFXR_VER" "shared/Microsoft.NETCore.App/$RT_VER"; do
  link "$p" "$C/runtime/dotnet"
done
link "shared/Microsoft.AspNetCore.App/$ASP_VER" "$C/aspnet/dotnet"
for p in "sdk/$SDK_VER" sdk-manifests packs templates dnx; do
  [ -e "$DOTNET_HOME/$p" ] && link "$p" "$C/sdk/dotnet"
done
[ ${#CA_FILES[@]} -gt 0 ] && cp "${CA_FILES[@]}" "$C/sdk/ca/"
touch "$C/sdk/ca/.keep"

cat > "$C/runtime-deps/Dockerfile" <<EOF
FROM $DEB_TAG
ENV APP_UID=1654 \\
    ASPNETCORE_HTTP_PORTS=8080 \\
    DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=\$APP_UID app \\
 && useradd --no-log-init --uid=\$APP_UID --gid=\$APP_UID --create-home app
LABEL $LABEL_KEY=$FP
EOF
cat > "$C/runtime/Dockerfile" <<EOF
FROM local/dotnet-runtime-deps:$MAJOR
ENV DOTNET_VERSION=$RT_VER
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
LABEL $LABEL_KEY=$FP
EOF
cat > "$C/aspnet/Dockerfile" <<EOF
FROM local/dotnet-runtime:$MAJOR
ENV ASPNET_VERSION=$ASP_VER
COPY dotnet /usr/share/dotnet
LABEL $LABEL_KEY=$FP
EOF
cat > "$C/sdk/Dockerfile" <<EOF
FROM local/dotnet-aspnet:$MAJOR
ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_NOLOGO=true \\
    DOTNET_SDK_VERSION=$SDK_VER \\
    DOTNET_USE_POLLING_FILE_WATCHER=true \\
    NUGET_XMLDOC_MODE=skip \\
    NUGET_CERT_REVOCATION_MODE=offline
COPY ca/ /usr/local/share/ca-certificates/
RUN rm -f /usr/local/share/ca-certificates/.keep \\
 && apt-get update \\
 && apt-get install -y --no-install-recommends curl git libatomic1 wget \\
 && rm -rf /var/lib/apt/lists/* \\
 && update-ca-certificates
COPY dotnet /usr/share/dotnet
RUN dotnet help >/dev/null
LABEL $LABEL_KEY=$FP
EOF

# ---- 3. build + tag ---------------------------------------------------------------
build() { # kind version [docker build args…]
  local k=$1 v=$2 t0=$SECONDS; shift 2
  log "building local/dotnet-$k:$MAJOR"
  docker build -q "$@" -t "local/dotnet-$k:$MAJOR" "$C/$k" > "$WORK/build-$k.log" 2>&1 \
    || { tail -n 30 "$WORK/build-$k.log" >&2; die "build of $k failed"; }
  apply_tags "$k" "$v"
  log "  $k done in $((SECONDS - t0)) s"
}
build runtime-deps "$RT_VER"
build runtime "$RT_VER"
build aspnet "$ASP_VER"
build sdk "$SDK_VER" --network host   # apt-get inside this build needs the host's network

docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^(local/|$REPO_PREFIX/)" | sort >&2
log "done"
