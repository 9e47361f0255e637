package awsfake

import (
	"net/http"
	"strconv"

	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// writeError answers e in the protocol's own error format, the one the SDK
// client's deserializer reads the code and message from.
func writeError(w http.ResponseWriter, svc *service, p protocol, e *apiError, reqID string) {
	h := w.Header()
	var b []byte
	switch p {
	case protoQuery:
		x := &xw{}
		ns := ""
		if svc != nil {
			ns = svc.xmlns
		}
		x.openNS("ErrorResponse", ns)
		x.open("Error")
		typ := "Sender"
		if e.status >= 500 {
			typ = "Receiver"
		}
		x.elem("Type", typ)
		x.elem("Code", e.code)
		x.elem("Message", e.message)
		x.close("Error")
		x.elem("RequestId", reqID)
		x.close("ErrorResponse")
		b = x.b
		h.Set("Content-Type", "text/xml")
	case protoEC2:
		x := &xw{}
		x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
		x.open("Response")
		x.open("Errors")
		x.open("Error")
		x.elem("Code", e.code)
		x.elem("Message", e.message)
		x.close("Error")
		x.close("Errors")
		x.elem("RequestID", reqID)
		x.close("Response")
		b = x.b
		h.Set("Content-Type", "text/xml;charset=UTF-8")
	case protoRestXML:
		// S3 answers a bare <Error>; S3 Control, CloudFront and Route 53 wrap it in
		// <ErrorResponse>.
		wrap := svc != nil && (svc.name == "s3control" || svc.name == "cloudfront" || svc.name == "route53")
		x := &xw{}
		x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
		if wrap {
			x.open("ErrorResponse")
		}
		x.open("Error")
		x.elem("Code", e.code)
		x.elem("Message", e.message)
		x.elem("RequestId", reqID)
		x.close("Error")
		if wrap {
			x.close("ErrorResponse")
		}
		b = x.b
		h.Set("Content-Type", "application/xml")
	case protoJSON:
		b = append(b, `{"__type":`...)
		b = textsafe.AppendJSON(b, e.code)
		b = append(b, `,"message":`...)
		b = textsafe.AppendJSON(b, e.message)
		b = append(b, '}')
		v := "1.1"
		if svc != nil && svc.jsonVersion != "" {
			v = svc.jsonVersion
		}
		h.Set("Content-Type", "application/x-amz-json-"+v)
	case protoCBOR:
		b = cborError(e.code, e.message)
		h.Set("Content-Type", "application/cbor")
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		// CloudWatch keeps its awsQuery error codes for old clients.
		kind := "Sender"
		if e.status >= 500 {
			kind = "Receiver"
		}
		h.Set("X-Amzn-Query-Error", e.code+";"+kind)
	case protoRestJSON:
		h.Set("X-Amzn-Errortype", e.code)
		b = append(b, `{"message":`...)
		b = textsafe.AppendJSON(b, e.message)
		b = append(b, `,"__type":`...)
		b = textsafe.AppendJSON(b, e.code)
		b = append(b, '}')
		h.Set("Content-Type", "application/json")
	}
	h.Set("X-Amzn-Requestid", reqID)
	h.Set("X-Amz-Request-Id", reqID)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

// throttleError is the error each service answers when a request exceeds
// its rate: the codes are the ones AWS sends and the SDK's retryer treats as
// throttling.
func throttleError(svc *service, msg string) *apiError {
	if msg == "" {
		msg = "Rate exceeded"
	}
	switch {
	case svc.proto == protoEC2:
		return &apiError{503, "RequestLimitExceeded", "Request limit exceeded."}
	case svc.name == "cloudfront":
		return &apiError{400, "Throttling", msg}
	case svc.proto == protoRestXML:
		return &apiError{503, "SlowDown", "Please reduce your request rate."}
	case svc.proto == protoQuery, svc.proto == protoCBOR:
		return &apiError{400, "Throttling", msg}
	case svc.name == "organizations":
		return &apiError{400, "TooManyRequestsException", msg}
	case svc.proto == protoRestJSON:
		return &apiError{429, "TooManyRequestsException", msg}
	default:
		return &apiError{400, "ThrottlingException", msg}
	}
}

// accessDenied is the service's permission error.
func accessDenied(svc *service, action string) *apiError {
	msg := "User: arn:aws:sts::123456789012:assumed-role/shoulder-audit/scan is not authorized to perform: " +
		svc.name + ":" + action
	switch svc.proto {
	case protoEC2:
		return &apiError{403, "UnauthorizedOperation", "You are not authorized to perform this operation. " + msg}
	case protoQuery, protoRestXML, protoCBOR:
		return &apiError{403, "AccessDenied", msg}
	case protoRestJSON:
		return &apiError{403, "AccessDeniedException", msg}
	default:
		return &apiError{400, "AccessDeniedException", msg}
	}
}

// serverError is a 5xx the SDK retries.
func serverError(svc *service) *apiError {
	switch svc.proto {
	case protoEC2, protoRestXML:
		return &apiError{500, "InternalError", "We encountered an internal error. Please try again."}
	case protoQuery:
		return &apiError{500, "InternalFailure", "An internal error occurred."}
	default:
		return &apiError{500, "InternalFailure", "The request processing has failed because of an unknown error."}
	}
}

// disabledRegionError is what a region the account has not opted in to
// answers: the credentials do not exist there.
func (s *Server) disabledRegionError(svc *service, region string) *apiError {
	switch svc.proto {
	case protoEC2:
		return &apiError{401, "AuthFailure", "AWS was not able to validate the provided access credentials (region " + region + " is not enabled)"}
	case protoQuery:
		return &apiError{403, "InvalidClientTokenId", "The security token included in the request is invalid (region " + region + " is not enabled)"}
	case protoRestXML:
		return &apiError{400, "IllegalLocationConstraintException", "region " + region + " is not enabled"}
	default:
		return &apiError{400, "UnrecognizedClientException", "The security token included in the request is invalid (region " + region + " is not enabled)"}
	}
}
