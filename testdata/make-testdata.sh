#!/bin/sh
# Regenerates everything in testdata/ except this script and README.md: deterministic payloads,
# their torrents (made by Eddy's TorrentBuilder) and the hostile torrents. The output is the same
# bytes every time; TestdataTest checks the committed files against a fresh generation.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$here/payloads" "$here/torrents" "$here/hostile"
"$here/../torrent/run-main.sh" dev.eddy.torrent.TestdataGenerator "$here"
echo "testdata regenerated in $here" >&2
