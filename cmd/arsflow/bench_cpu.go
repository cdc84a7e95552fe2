package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
)

// cpuTimes is CPU time used so far: by this process, by its finished child
// processes (the isolated PDF parsers), by the PostgreSQL backends serving
// the bench's database (when PostgreSQL runs on this machine), and by the
// whole machine (whatever else runs on it too).
type cpuTimes struct {
	self, children, postgres, machine time.Duration
}

func readCPU(ctx context.Context, db *database.DB) cpuTimes {
	var c cpuTimes
	c.postgres = postgresCPU(ctx, db)
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		c.self = tv(ru.Utime) + tv(ru.Stime)
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		c.children = tv(ru.Utime) + tv(ru.Stime)
	}
	c.machine = machineBusy()
	return c
}

func (c cpuTimes) sub(o cpuTimes) cpuTimes {
	return cpuTimes{self: c.self - o.self, children: c.children - o.children, postgres: c.postgres - o.postgres, machine: c.machine - o.machine}
}

// postgresCPU sums the CPU time of the backends connected to db, read from
// /proc; 0 when PostgreSQL runs elsewhere.
func postgresCPU(ctx context.Context, db *database.DB) time.Duration {
	rows, err := db.Pool.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return 0
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return 0
	}
	var total time.Duration
	for _, pid := range pids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(int(pid)) + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		total += time.Duration(ut+st) * 10 * time.Millisecond
	}
	return total
}

func tv(t syscall.Timeval) time.Duration {
	return time.Duration(t.Sec)*time.Second + time.Duration(t.Usec)*time.Microsecond
}

// machineBusy returns the busy CPU time of all CPUs from /proc/stat (0
// where there is none).
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for i, v := range f[1:8] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}
