# Installs aws-api-mcp.exe from a GitHub release, after checking its SHA-256 against the release's
# SHA256SUMS, and says where it went.
#
#   irm https://github.com/aws-api-mcp/aws-api-mcp/releases/latest/download/install.ps1 | iex
#
# Settings (environment):
#   AWS_API_MCP_VERSION      a version such as 0.2.0 (default: the latest release)
#   AWS_API_MCP_INSTALL_DIR  where the binary goes (default: %LOCALAPPDATA%\Programs\aws-api-mcp)
#   AWS_API_MCP_RELEASE_URL  the folder the release's files are downloaded from (default: GitHub's)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Repo = 'aws-api-mcp/aws-api-mcp'
$Version = if ($env:AWS_API_MCP_VERSION) { $env:AWS_API_MCP_VERSION } else { 'latest' }
$InstallDir = if ($env:AWS_API_MCP_INSTALL_DIR) { $env:AWS_API_MCP_INSTALL_DIR } else {
  Join-Path $env:LOCALAPPDATA 'Programs\aws-api-mcp'
}

function Fail([string]$Message) {
  Write-Error "install.ps1: $Message" -ErrorAction Continue
  exit 1
}

# x64 builds only; Windows on Arm runs them under emulation.
$Archive = 'aws-api-mcp-x86_64-pc-windows-msvc.zip'
if ($env:AWS_API_MCP_RELEASE_URL) {
  $Base = $env:AWS_API_MCP_RELEASE_URL.TrimEnd('/')
} elseif ($Version -eq 'latest') {
  $Base = "https://github.com/$Repo/releases/latest/download"
} else {
  $Base = "https://github.com/$Repo/releases/download/v$($Version.TrimStart('v'))"
}

$Tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("aws-api-mcp-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
  try {
    Invoke-WebRequest -UseBasicParsing -Uri "$Base/SHA256SUMS" -OutFile (Join-Path $Tmp 'SHA256SUMS')
    Invoke-WebRequest -UseBasicParsing -Uri "$Base/$Archive" -OutFile (Join-Path $Tmp $Archive)
  } catch {
    Fail "cannot download from ${Base}: $($_.Exception.Message)"
  }
  $Line = Get-Content (Join-Path $Tmp 'SHA256SUMS') | Where-Object { $_ -match "^([0-9a-fA-F]{64}) [ *]$([regex]::Escape($Archive))$" } |
    Select-Object -First 1
  if (-not $Line) { Fail "SHA256SUMS has no checksum for $Archive." }
  $Expected = ($Line -split ' ')[0].ToLowerInvariant()
  $Actual = (Get-FileHash -Algorithm SHA256 (Join-Path $Tmp $Archive)).Hash.ToLowerInvariant()
  if ($Expected -ne $Actual) {
    Fail "checksum mismatch for $Archive (expected $Expected, got $Actual): nothing installed."
  }
  Expand-Archive -Path (Join-Path $Tmp $Archive) -DestinationPath (Join-Path $Tmp 'x') -Force
  $Exe = Join-Path $Tmp 'x\aws-api-mcp.exe'
  if (-not (Test-Path $Exe)) { Fail "$Archive does not hold aws-api-mcp.exe." }
  New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
  $Target = Join-Path $InstallDir 'aws-api-mcp.exe'
  Move-Item -Force $Exe $Target
  $Installed = & $Target --version
  if ($LASTEXITCODE -ne 0) { Fail "$Target does not start on this machine." }
} finally {
  Remove-Item -Recurse -Force $Tmp -ErrorAction SilentlyContinue
}

Write-Output "Installed aws-api-mcp $Installed to $Target"
Write-Output "In your MCP client's configuration: `"command`": `"$($Target -replace '\\', '\\')`""
if (-not (($env:PATH -split ';') -contains $InstallDir)) {
  Write-Output "($InstallDir is not on your PATH; MCP clients only need the full path above.)"
}
