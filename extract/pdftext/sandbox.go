package pdftext

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
)

// passEnv names the only variables of the parent's environment that reach
// the parser child and the tools it runs (pdftotext, pdftoppm, tesseract):
// what they need to find programs and OCR data. Everything else, the
// database URL, API keys and passwords included, stays behind.
var passEnv = []string{"PATH", "TESSDATA_PREFIX", "GOCOVERDIR"}

// minimalEnv returns the environment for the child and the tools: the
// passEnv variables that are set, a UTF-8 locale, and HOME and TMPDIR in
// tmp when tmp is not "", so that whatever they write stays in a folder of
// their own.
func minimalEnv(tmp string) []string {
	env := []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8"}
	for _, k := range passEnv {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	if tmp != "" {
		env = append(env, "HOME="+tmp, "TMPDIR="+tmp)
	}
	return env
}

// isolation is what the platform allows for the child: a new network
// namespace (no network at all, loopback included), entered through a new
// user namespace so no privilege is needed. Where the kernel refuses it,
// the child runs with the host's network; see the README.
var isolation struct {
	once  sync.Once
	netns bool
}

// netnsAttr returns the process attributes that put a child in a network
// namespace of its own, or nil where the platform does not allow it.
func netnsAttr() *syscall.SysProcAttr {
	isolation.once.Do(func() {
		cmd := exec.Command("/bin/true")
		cmd.SysProcAttr = withNetns(&syscall.SysProcAttr{})
		cmd.Env = []string{}
		isolation.netns = cmd.Run() == nil
	})
	if !isolation.netns {
		return nil
	}
	return withNetns(&syscall.SysProcAttr{})
}

func withNetns(a *syscall.SysProcAttr) *syscall.SysProcAttr {
	a.Cloneflags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWNET
	a.UidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getuid(), HostID: os.Getuid(), Size: 1}}
	a.GidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getgid(), HostID: os.Getgid(), Size: 1}}
	return a
}

// NetworkIsolated reports whether parser children run without network on
// this machine.
func NetworkIsolated() bool { return netnsAttr() != nil }

// HideFromChildren makes the calling process non-dumpable
// (prctl(PR_SET_DUMPABLE, 0)). The parser children, the tools they run and
// any other program it starts run as the same user, and a process of the
// same user may read another's environment (/proc/PID/environ: the database
// URL, API keys, passwords) and memory; a non-dumpable process's /proc
// files belong to root, so they cannot, even from inside the children's
// user namespace. It also means no core dump. Call it once at start.
func HideFromChildren() error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetDumpable, 0, 0); errno != 0 {
		return fmt.Errorf("pdftext: hide from children: %w", errno)
	}
	return nil
}

// prSetDumpable is PR_SET_DUMPABLE of prctl(2).
const prSetDumpable = 4
