package aws

import (
	"context"
	"os"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/shoulder-dev/shoulder/internal/collect/mototest"
)

// moto is the package's one moto server (see TestMain).
var moto = new(mototest.Shared)

// TestMain starts one moto for the package's tests and stops it after.
func TestMain(m *testing.M) {
	if os.Getenv(proxyChildEnv) != "" || os.Getenv(hostsChildEnv) != "" {
		// The children of TestSharedClientKeepsProxyEnv and
		// BenchmarkIdleConnections need no moto.
		os.Exit(m.Run())
	}
	os.Exit(moto.Main(m))
}

const motoAccount = mototest.Account

// testCreds are static credentials for moto (it accepts any).
func testCreds() []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		config.WithRegion("us-east-1"),
	}
}

// sdkConfig is an SDK configuration for building scenarios in moto.
func sdkConfig(t *testing.T, region string) sdk.Config {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		config.WithRegion(region), config.WithBaseEndpoint(moto.URL(t)))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
