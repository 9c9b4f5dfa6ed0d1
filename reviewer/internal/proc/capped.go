package proc

import "bytes"

// CappedBuffer keeps the first max bytes written to it and discards the rest
// without failing the writer.
type CappedBuffer struct {
	bytes.Buffer
	Max int
}

// Write keeps what fits and reports every byte written.
func (b *CappedBuffer) Write(p []byte) (int, error) {
	if room := b.Max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
