package loadbench

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// SystemBusy returns the CPU time all processes on the machine have used
// since boot (everything in /proc/stat's cpu line but idle and iowait).
func SystemBusy() (time.Duration, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0, fmt.Errorf("parse /proc/stat: %q", line)
	}
	var busy int64
	for i, v := range f[1:] {
		if i == 3 || i == 4 || i >= 8 { // idle, iowait; guest time is already in user
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("parse /proc/stat: %w", err)
		}
		busy += n
	}
	return time.Duration(busy) * time.Second / clockTicks, nil
}

// WaitQuiet waits until the machine's CPU use over one second is at most
// threshold cores, or until limit has passed, and returns the last load
// seen. The machine may be shared (other builds and tests); measuring
// while it is busy would mix their CPU into ours.
func WaitQuiet(ctx context.Context, threshold float64, limit time.Duration) (float64, error) {
	deadline := time.Now().Add(limit)
	for {
		b0, err := SystemBusy()
		if err != nil {
			return 0, err
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Second):
		}
		b1, err := SystemBusy()
		if err != nil {
			return 0, err
		}
		load := (b1 - b0).Seconds()
		if load <= threshold || time.Now().After(deadline) {
			return load, nil
		}
	}
}
