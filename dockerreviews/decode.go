package dockerreviews

import (
	"encoding/json"
	"errors"
	"io"
)

// isDecode reports whether err is a JSON decoding failure of an answer.
func isDecode(err error) bool {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, io.ErrUnexpectedEOF)
}
