package cosignsig

// The annotations of a classic signature layer (cosign's static package).
const (
	// SignatureAnnotation holds the base64 signature over the layer.
	SignatureAnnotation = "dev.cosignproject.cosign/signature"
	// BundleAnnotation holds the Rekor bundle as JSON.
	BundleAnnotation = "dev.sigstore.cosign/bundle"
)
