#!/bin/bash
# The one QEMU command line of our arm64 guests (make demo, demo-test,
# quick, shell): sourced, it defines guest_qemu, which fills the array
# QEMU with it.  The console is the guest's serial port; the caller adds
# where it goes (-serial file:LOG, or a chardev on this terminal).
#
# Usage: . tools/guest/qemu.sh
#        guest_qemu IMAGE INITRAMFS SMP "KERNEL ARGS"
#        "${QEMU[@]}" -serial ...

# shellcheck disable=SC2034 # QEMU is the caller's
guest_qemu() {
	QEMU=(qemu-system-aarch64 -machine virt -cpu 'max,pauth-impdef=on'
	      -smp "$3" -m 1G -display none -monitor none -nic none -no-reboot
	      -kernel "$1" -initrd "$2"
	      -append "console=ttyAMA0 quiet panic=-1 $4")
}
