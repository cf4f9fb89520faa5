# Sourced by .ci/run (and by a developer whose machine has an older Node): puts Node of the default
# Lambda runtime's major (nodejs24.x) first on PATH. The npm registry serves Node itself as the
# package node-linux-<arch>, whose tarball carries bin/node; nothing runs at install.
# test/functions/runtime.test.ts holds NODE_MAJOR to the default lambdaRuntime.
NODE_MAJOR=24
case "$(uname -m)" in
  x86_64) node_arch=x64 ;;
  aarch64 | arm64) node_arch=arm64 ;;
  *) echo "no node-linux package for $(uname -m); install Node ${NODE_MAJOR} yourself" >&2; return 1 ;;
esac
node_dir="$PWD/.tmp/node-${NODE_MAJOR}-${node_arch}"
if ! "$node_dir/bin/node" --version 2>/dev/null | grep -q "^v${NODE_MAJOR}\."; then
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  node_tarball=$(npm pack "node-linux-${node_arch}@${NODE_MAJOR}" --pack-destination "$node_dir" --silent)
  tar xzf "$node_dir/$node_tarball" -C "$node_dir" --strip-components=1 package/bin/node
  rm -f "$node_dir/$node_tarball"
fi
export PATH="$node_dir/bin:$PATH"
