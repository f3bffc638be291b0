#!/usr/bin/env bash
# Makes sure the browser tests can run: Debian's Chromium and Mesa's Vulkan driver (for software
# WebGPU). Installs them when missing and we are root; otherwise prints the exact command.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || [ -e /usr/share/vulkan/icd.d/lvp_icd.json ] || missing+=(mesa-vulkan-drivers)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  echo "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
  echo "apt-get install ${missing[*]} failed" >&2
  exit 1
fi
echo "Browser tests need: sudo apt-get install -y ${missing[*]}" >&2
exit 1
