package aws

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildACM requests a certificate for shop.example.com in region r (its
// transparency logging opted out when not secure) and imports a
// self-signed certificate for legacy.example.com: an EC P-256 key when
// secure, a 1,024-bit RSA key when not. ListCertificates without
// Includes.keyTypes would hide both of the imported ones on AWS (it
// answers RSA_2048 only); moto answers every key type, so the test proves
// the collector reads what the listing gives.
func buildACM(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := acm.NewFromConfig(cfg)
	ct := acmtypes.CertificateTransparencyLoggingPreferenceEnabled
	if !secure {
		ct = acmtypes.CertificateTransparencyLoggingPreferenceDisabled
	}
	must(c.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: sdk.String("shop.example.com"),
		ValidationMethod: acmtypes.ValidationMethodDns, // Export is sent too: this moto fails ListCertificates on options without it.
		Options:          &acmtypes.CertificateOptions{CertificateTransparencyLoggingPreference: ct, Export: acmtypes.CertificateExportDisabled}}))
	var key crypto.Signer
	if secure {
		key = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
	} else {
		key = must(rsa.GenerateKey(rand.Reader, 1024))
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "legacy.example.com"},
		DNSNames: []string{"legacy.example.com"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(20 * 24 * time.Hour)}
	der := must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key))
	pk := must(x509.MarshalPKCS8PrivateKey(key))
	must(c.ImportCertificate(ctx, &acm.ImportCertificateInput{
		Certificate: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		PrivateKey:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})}))
}

// TestMotoACM: certificates come from the bulk listing with type, key
// algorithm and validity; the transparency preference is read only for
// the Amazon-issued one.
func TestMotoACM(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			id := func(x state.Certificate) string { return x.Region + "/" + x.DomainName }
			req := find(t, "requested certificate", a.ACM.Certificates, id, r+"/shop.example.com")
			eq(t, "requested arn region", req.Region, r)
			eq(t, "requested type", req.Type, "AMAZON_ISSUED")
			eq(t, "requested key", req.KeyAlgorithm, "RSA_2048")
			eq(t, "transparency", req.TransparencyLogging, map[bool]string{true: "ENABLED", false: "DISABLED"}[secure])
			imp := find(t, "imported certificate", a.ACM.Certificates, id, r+"/legacy.example.com")
			eq(t, "imported type", imp.Type, "IMPORTED")
			eq(t, "imported status", imp.Status, "ISSUED")
			eq(t, "imported key", imp.KeyAlgorithm, map[bool]string{true: "EC_prime256v1", false: "RSA_1024"}[secure])
			eq(t, "imported expiry read", imp.NotAfter != nil && imp.NotAfter.After(a.CollectedAt.Add(19*24*time.Hour)), true)
			eq(t, "imported not described", imp.TransparencyLogging, "")
		})
	}
}
