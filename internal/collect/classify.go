package collect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// An error from the AWS SDK exposes its code through ErrorCode (smithy's
// APIError) and its HTTP status through HTTPStatusCode (smithy-http's
// ResponseError). Classify asks for these methods instead of importing the
// SDK, so this package stays SDK-free.
type errorCoder interface{ ErrorCode() string }
type errorMessager interface{ ErrorMessage() string }
type httpStatuser interface{ HTTPStatusCode() int }

// ErrorCode returns the AWS error code in err's chain, or "".
func ErrorCode(err error) string {
	var c errorCoder
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}

// HTTPStatus returns the HTTP status code in err's chain, or 0.
func HTTPStatus(err error) int {
	var h httpStatuser
	if errors.As(err, &h) {
		return h.HTTPStatusCode()
	}
	return 0
}

var throttleCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
	"RequestLimitExceeded": true, "RequestThrottled": true, "RequestThrottledException": true,
	"SlowDown": true, "TooManyRequests": true, "TooManyRequestsException": true,
	"ProvisionedThroughputExceededException": true,
	"LimitExceededException":                 true, "BandwidthLimitExceeded": true, "EC2ThrottledException": true,
	"PriorRequestNotComplete": true,
}

// IsThrottle reports whether err is AWS throttling the caller.
func IsThrottle(err error) bool {
	if err == nil {
		return false
	}
	if throttleCodes[ErrorCode(err)] {
		return true
	}
	return HTTPStatus(err) == 429
}

var deniedCodes = map[string]bool{
	"AccessDenied": true, "AccessDeniedException": true, "UnauthorizedOperation": true,
	"AuthorizationError": true, "AuthorizationErrorException": true, "UnauthorizedAccess": true,
	"Forbidden": true, "ForbiddenException": true,
	"AllAccessDisabled": true, "AccountNotAuthorized": true,
}

var notEnabledCodes = map[string]bool{
	"OptInRequired": true, "SubscriptionRequiredException": true, "SubscriptionRequired": true,
	"NotSubscribed": true, "ServiceNotEnabled": true,
}

// Classify maps a failed call's error to the coverage-gap reason that
// explains why its data is missing. parent is the collection's context: a
// deadline or cancellation of the collection itself is told apart from a
// single call's timeout.
//
//   - AccessDenied, UnauthorizedOperation, AuthorizationError and the
//     explicit SCP deny (an AccessDenied whose message names a service
//     control policy) -> access_denied
//   - Throttling, ThrottlingException, RequestLimitExceeded, SlowDown,
//     TooManyRequests, HTTP 429 (the retries are already spent) -> throttled
//   - OptInRequired, SubscriptionRequired, "not subscribed" -> not_enabled
//   - NotImplemented, HTTP 500/501 saying "not implemented", or HTTP
//     500/501 without any AWS error code (emulators) -> not_implemented
//   - the collection's context cancelled -> cancelled
//   - a deadline (the call's or the collection's) -> timeout
//   - anything else -> error
func Classify(parent context.Context, err error) state.GapReason {
	if err == nil {
		return ""
	}
	if parent != nil && errors.Is(parent.Err(), context.Canceled) {
		return state.ReasonCancelled
	}
	code := ErrorCode(err)
	msg := strings.ToLower(err.Error())
	switch {
	case deniedCodes[code]:
		return state.ReasonAccessDenied
	case IsThrottle(err):
		return state.ReasonThrottled
	case notEnabledCodes[code] || strings.Contains(msg, "not subscribed") || strings.Contains(msg, "subscriptionrequired"):
		return state.ReasonNotEnabled
	case code == "NotImplemented" || code == "NotImplementedException" || code == "InternalFailure" && strings.Contains(msg, "not implemented"):
		return state.ReasonNotImplemented
	case (HTTPStatus(err) == 500 || HTTPStatus(err) == 501) && (strings.Contains(msg, "not implemented") || strings.Contains(msg, "not yet implemented")):
		return state.ReasonNotImplemented
	case IsNotImplemented(err):
		return state.ReasonNotImplemented
	case HTTPStatus(err) == 403 && code == "":
		return state.ReasonAccessDenied
	case errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err):
		return state.ReasonTimeout
	case errors.Is(err, context.Canceled):
		return state.ReasonCancelled
	}
	return state.ReasonError
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// IsNotImplemented reports whether err is an endpoint's answer that it does
// not implement the operation; retrying it is pointless. AWS answers every
// 404 and 5xx with an error code in the service's protocol (NoSuchBucket,
// InternalError, ServiceUnavailable...). A 404, 500 or 501 whose body is no
// AWS error at all comes from an endpoint that does not speak this
// operation: emulators such as moto answer their unimplemented operations
// so (moto's log says NotImplementedError, or it has no route at all).
func IsNotImplemented(err error) bool {
	code := ErrorCode(err)
	if code == "NotImplemented" || code == "NotImplementedException" {
		return true
	}
	switch HTTPStatus(err) {
	case 404, 500, 501:
		// UnknownError is the SDK's stand-in when the body held no code.
		return code == "" || code == "UnknownError"
	}
	return false
}

// Message returns a short human text for a failed call: the AWS error
// code and message when there is one, else the error text.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var m errorMessager
	code := ErrorCode(err)
	if (code == "" || code == "UnknownError") && IsNotImplemented(err) {
		return fmt.Sprintf("HTTP %d without an AWS error: the endpoint does not implement this operation", HTTPStatus(err))
	}
	if code != "" && errors.As(err, &m) && m.ErrorMessage() != "" {
		return code + ": " + m.ErrorMessage()
	}
	if code != "" {
		return code
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
