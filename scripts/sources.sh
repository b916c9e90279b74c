# Sourced by the npm scripts and .ci/run. A workspace that keeps the pinned
# source archives in ../shared/upstream beside the clone (a machine without
# GitHub) serves them from there, unless LJFUZZ_SOURCES names a folder
# already; elsewhere the archives are downloaded.
if [ -z "${LJFUZZ_SOURCES:-}" ] && [ -d ../shared/upstream ]; then
  LJFUZZ_SOURCES=$(cd ../shared/upstream && pwd)
  export LJFUZZ_SOURCES
fi
