package language

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchmarkDetect measures the stage on a 5 KB English article at the
// default sample size. MB/s counts the whole article, as for the other
// stages; the detector reads only its first DefaultMaxBytes bytes.
func BenchmarkDetect(b *testing.B) {
	text := articleText(b, filepath.Join(samplesDir, "01-ecb-rates.txt"))
	d := newDetector(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		d.Detect(text)
	}
	reportCPU(b, cpu0, len(text))
}

// BenchmarkDetectGenerated measures the stage on the generated articles
// of the stage chain's benchmark (samplegen, seed 7), one article per
// op: English wire copy with names such as "Bogotá" or "Wałęsa" and
// typographic quotes and dashes.
func BenchmarkDetectGenerated(b *testing.B) {
	texts := generatedTexts(b, 256)
	d := newDetector(b)
	var total int
	for _, text := range texts {
		total += len(text)
	}
	b.SetBytes(int64(total / len(texts)))
	b.ReportAllocs()
	cpu0 := processCPU()
	i := 0
	for b.Loop() {
		d.Detect(texts[i%len(texts)])
		i++
	}
	reportCPU(b, cpu0, total/len(texts))
}

// BenchmarkSampleSize measures the cost of a detection against the
// number of bytes looked at, on the same article; MB/s counts the bytes
// looked at. Past about 400 letters lingua's confidence falls back to
// arbitrary-precision arithmetic and the cost jumps.
func BenchmarkSampleSize(b *testing.B) {
	text := articleText(b, filepath.Join(samplesDir, "01-ecb-rates.txt"))
	for _, n := range []int{64, 128, 256, 512, 1024, 2048, len(text)} {
		d := newDetector(b, WithMaxBytes(n))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(Sample(text, n))))
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				d.Detect(text)
			}
			reportCPU(b, cpu0, len(Sample(text, n)))
		})
	}
}

// BenchmarkDetectParallel measures one shared detector used from
// GOMAXPROCS goroutines.
func BenchmarkDetectParallel(b *testing.B) {
	text := articleText(b, filepath.Join(samplesDir, "01-ecb-rates.txt"))
	d := newDetector(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			d.Detect(text)
		}
	})
}

// reportCPU adds the process CPU time per operation since cpu0, and the
// throughput it gives, to a benchmark's results (see processCPU).
func reportCPU(b *testing.B, cpu0 time.Duration, bytes int) {
	b.Helper()
	cpu := processCPU() - cpu0
	if cpu <= 0 || b.N == 0 {
		return
	}
	perOp := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp, "cpu-ns/op")
	b.ReportMetric(float64(bytes)/perOp*1e3, "cpu-MB/s")
}
