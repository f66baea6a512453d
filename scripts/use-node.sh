#!/usr/bin/env bash
# The project's Node (see .node-version): when the machine's node is older than its major, the
# official binary is fetched from the npm registry (package node-linux-<arch>, which ships
# nodejs.org's build) into .tools/node-<version> and put first on PATH. npm itself stays the
# machine's (npm 11); it runs under whichever node is first on PATH.
#
#   source scripts/use-node.sh          # this shell (CI: .ci/run does this)
#   scripts/use-node.sh npm ci          # one command
_use_node() {
  local root want major have arch dir tmp tgz
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  want="$(tr -d ' \nv' <"$root/.node-version")"
  major="${want%%.*}"
  have="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  if [ "${have%%.*}" -ge "$major" ]; then
    return 0
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "use-node: no node-linux binary for $(uname -m); install Node $want yourself" >&2
      return 1
      ;;
  esac
  dir="$root/.tools/node-$want"
  if [ ! -x "$dir/bin/node" ]; then
    echo "use-node: node $have is older than $major; fetching node-linux-$arch@$want" >&2
    tmp="$(mktemp -d)"
    # npm pack checks the tarball against the registry's integrity hash.
    tgz="$(cd "$tmp" && npm pack --silent "node-linux-$arch@$want")" || {
      rm -rf "$tmp"
      return 1
    }
    mkdir -p "$dir"
    tar xzf "$tmp/$tgz" -C "$dir" --strip-components=1 package/bin/node package/LICENSE
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
  echo "use-node: $(node --version) from $dir" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _use_node
  if [ $# -gt 0 ]; then exec "$@"; fi
  node --version
else
  _use_node
fi
