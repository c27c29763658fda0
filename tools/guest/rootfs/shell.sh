#!/bin/sh
# shellcheck shell=dash
# yep_slab guest, yep=shell (make shell): a shell on the console for a
# person, started where yep_slab.ko is, with debugfs at /d, so that the
# seed's commands work as the seed types them.  When the shell ends, /init
# powers the guest off.
cd /yep || exit 1
# slubpath 'COMMAND': what SLUB did for the cache meanwhile (slubpath.sh)
printf '#!/bin/sh\nexec sh /yep/slubpath.sh "$@"\n' >/bin/slubpath
chmod +x /bin/slubpath
# shellcheck source=tools/guest/rootfs/marks.sh
. /yep/marks.sh
cat <<'BANNER'

yep_slab shell: the seed's walkthrough, typed by you.
  insmod yep_slab.ko
  echo 1 > /sys/kernel/yep_slab/alloc
  cat /proc/slabinfo | grep yep
  cat /d/page_owner | grep yep
  cat /sys/kernel/yep_slab/status
  echo 1 > /sys/kernel/yep_slab/free
  rmmod yep_slab
And what SLUB did for a command (its functions, the buddy allocator's pages,
where the objects went):
  slubpath 'echo 1 > /sys/kernel/yep_slab/alloc'
Leave with exit, Ctrl-D or poweroff.

BANNER
if grep -qw yep_shell=pipe /proc/cmdline; then
	# Commands piped in on the host: no line editing (it would ask the
	# terminal where the cursor is and eat the reply from the commands),
	# each line shown as read instead of echoed by the terminal.
	stty -echo
	yep_mark "yep_slab shell: ready"
	sh -v -s </dev/console
else
	yep_mark "yep_slab shell: ready"
	# A controlling terminal, so that Ctrl-C reaches the command.
	setsid cttyhack sh -i
fi
