package verifytest

import "fmt"

// Scenarios is a registry seeded with the three images most command-level
// tests need, and the keys that signed them.
type Scenarios struct {
	Key   *Key
	Rekor *Rekor
}

// SeedScenarios pushes to r: mcp/good (labelled pin, signed), mcp/relabelled
// (labelled other, signed: its label disagrees with a catalog that pins
// pin) and mcp/unsigned (labelled pin, never signed), all at :latest.
func (r *Registry) SeedScenarios(pin, other string) (*Scenarios, error) {
	key, err := NewKey()
	if err != nil {
		return nil, err
	}
	rekor, err := NewRekor()
	if err != nil {
		return nil, err
	}
	if _, err := r.PushSigned("good", pin, key, rekor); err != nil {
		return nil, fmt.Errorf("seeding good: %w", err)
	}
	if _, err := r.PushSigned("relabelled", other, key, rekor); err != nil {
		return nil, fmt.Errorf("seeding relabelled: %w", err)
	}
	if _, err := PushImage(r.Host+"/mcp/unsigned:latest", Platform{Labels: Revision(pin)}); err != nil {
		return nil, fmt.Errorf("seeding unsigned: %w", err)
	}
	return &Scenarios{Key: key, Rekor: rekor}, nil
}
