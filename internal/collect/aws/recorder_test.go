package aws

import (
	"context"
	"strings"
	"sync"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// sentOp is one HTTP request the collectors sent.
type sentOp struct {
	ServiceID, Action, Method string
	// Signing is the SigV4 signing name of the request's credential
	// scope: the S3 client signs directory bucket calls as s3express.
	Signing string
}

// recordingClient logs every request actually sent: a middleware at the
// very end of the finalize step (after signing, right before the HTTP
// client) notes the SDK's service ID, the operation name and the HTTP
// method of each attempt.
type recordingClient struct {
	mu   sync.Mutex
	sent []sentOp
}

func (r *recordingClient) middleware(st *middleware.Stack) error {
	return st.Finalize.Add(middleware.FinalizeMiddlewareFunc("test/record",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			method, signing := "", ""
			if req, ok := in.Request.(*smithyhttp.Request); ok {
				method = req.Method
				if f := strings.Split(req.Header.Get("Authorization"), "/"); len(f) > 3 {
					signing = f[3] // Credential=AK/DATE/REGION/SERVICE/aws4_request
				}
			}
			r.mu.Lock()
			r.sent = append(r.sent, sentOp{ServiceID: awsmiddleware.GetServiceID(ctx), Action: awsmiddleware.GetOperationName(ctx), Method: method, Signing: signing})
			r.mu.Unlock()
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

func (r *recordingClient) ops() []sentOp {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sentOp(nil), r.sent...)
}

// recorded is the log of the scenario's collection.
var recorded *recordingClient
