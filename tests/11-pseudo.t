#!/bin/sh
# Unit tests of keyed pseudonyms and the crosswalk (lib/pseudo.c, lib/crosswalk.c).
root=$(cd "$(dirname "$0")/.." && pwd)
exec "${DCMSCRUB_TESTBIN:-$root/build/tests}/t-pseudo"
