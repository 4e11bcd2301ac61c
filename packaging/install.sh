#!/bin/sh
# Installs the aws-api-mcp binary for this machine from a GitHub release, after checking its SHA-256
# against the release's SHA256SUMS, and says where it went.
#
#   curl -fsSL https://github.com/aws-api-mcp/aws-api-mcp/releases/latest/download/install.sh | sh
#
# Settings (environment):
#   AWS_API_MCP_VERSION      a version such as 0.2.0 (default: the latest release)
#   AWS_API_MCP_INSTALL_DIR  where the binary goes (default: ~/.local/bin)
#   AWS_API_MCP_RELEASE_URL  the folder the release's files are downloaded from (default: GitHub's)
set -eu

REPO="aws-api-mcp/aws-api-mcp"
VERSION="${AWS_API_MCP_VERSION:-latest}"
INSTALL_DIR="${AWS_API_MCP_INSTALL_DIR:-$HOME/.local/bin}"

fail() {
  echo "install.sh: $1" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os=unknown-linux-gnu ;;
  Darwin) os=apple-darwin ;;
  *) fail "no release for $(uname -s); on Windows use install.ps1 (or winget install AwsApiMcp.AwsApiMcp)." ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  arm64 | aarch64) arch=aarch64 ;;
  *) fail "no release for the $(uname -m) processor (there are x86_64 and aarch64 builds)." ;;
esac
archive="aws-api-mcp-$arch-$os.tar.gz"

if [ -n "${AWS_API_MCP_RELEASE_URL:-}" ]; then
  base="${AWS_API_MCP_RELEASE_URL%/}"
elif [ "$VERSION" = latest ]; then
  base="https://github.com/$REPO/releases/latest/download"
else
  base="https://github.com/$REPO/releases/download/v${VERSION#v}"
fi

if command -v curl >/dev/null 2>&1; then
  fetch() { curl -fsSL --retry 3 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q -O "$2" "$1"; }
else
  fail "neither curl nor wget is installed."
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
  fail "neither sha256sum nor shasum is installed: the download cannot be verified."
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM

fetch "$base/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download $base/SHA256SUMS."
fetch "$base/$archive" "$tmp/$archive" || fail "cannot download $base/$archive."
expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || fail "SHA256SUMS has no checksum for $archive."
actual="$(sha256 "$tmp/$archive")"
[ "$expected" = "$actual" ] || fail "checksum mismatch for $archive (expected $expected, got $actual): nothing installed."

tar -xzf "$tmp/$archive" -C "$tmp" aws-api-mcp || fail "$archive does not hold aws-api-mcp."
mkdir -p "$INSTALL_DIR"
chmod 755 "$tmp/aws-api-mcp"
# Moved in one step, so a running copy is replaced whole.
mv -f "$tmp/aws-api-mcp" "$INSTALL_DIR/aws-api-mcp.new"
mv -f "$INSTALL_DIR/aws-api-mcp.new" "$INSTALL_DIR/aws-api-mcp"
installed="$("$INSTALL_DIR/aws-api-mcp" --version 2>/dev/null)" || fail "$INSTALL_DIR/aws-api-mcp does not start on this machine."

echo "Installed aws-api-mcp $installed to $INSTALL_DIR/aws-api-mcp"
echo "In your MCP client's configuration: \"command\": \"$INSTALL_DIR/aws-api-mcp\""
case ":$PATH:" in
  *":$INSTALL_DIR:"*) ;;
  *) echo "($INSTALL_DIR is not on your PATH; MCP clients only need the full path above.)" ;;
esac
