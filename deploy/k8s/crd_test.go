package k8s_test

import (
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The custom resources below have no Go types in k8s.io/api. These structs
// cover the fields the manifests use, under the field names of the real
// CRDs, so that a strict decode rejects a misspelt or invented field:
//   - ServiceMonitor, PrometheusRule: prometheus-operator
//     monitoring.coreos.com/v1;
//   - ScaledObject: KEDA keda.sh/v1alpha1, nats-jetstream scaler metadata
//     keys from keda.sh/docs/scalers/nats-jetstream;
//   - Stream, Consumer: NACK jetstream.nats.io/v1beta2
//     (github.com/nats-io/nack, deploy/crds).

// serviceMonitor is a Prometheus Operator ServiceMonitor.
type serviceMonitor struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            struct {
		JobLabel          string               `json:"jobLabel,omitempty"`
		Selector          metav1.LabelSelector `json:"selector"`
		NamespaceSelector *struct {
			Any        bool     `json:"any,omitempty"`
			MatchNames []string `json:"matchNames,omitempty"`
		} `json:"namespaceSelector,omitempty"`
		Endpoints []struct {
			Port          string `json:"port"`
			Path          string `json:"path,omitempty"`
			Scheme        string `json:"scheme,omitempty"`
			Interval      string `json:"interval,omitempty"`
			ScrapeTimeout string `json:"scrapeTimeout,omitempty"`
			HonorLabels   bool   `json:"honorLabels,omitempty"`
		} `json:"endpoints"`
	} `json:"spec"`
}

// prometheusRule is a Prometheus Operator PrometheusRule; its spec has the
// layout of a Prometheus rule file.
type prometheusRule struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            ruleFile          `json:"spec"`
}

// ruleFile is a Prometheus rule file (and a PrometheusRule's spec).
type ruleFile struct {
	Groups []ruleGroup `json:"groups"`
}

type ruleGroup struct {
	Name     string     `json:"name"`
	Interval string     `json:"interval,omitempty"`
	Limit    int        `json:"limit,omitempty"`
	Rules    []ruleSpec `json:"rules"`
}

type ruleSpec struct {
	Record        string            `json:"record,omitempty"`
	Alert         string            `json:"alert,omitempty"`
	Expr          string            `json:"expr"`
	For           string            `json:"for,omitempty"`
	KeepFiringFor string            `json:"keep_firing_for,omitempty"`
	Labels        map[string]string `json:"labels,omitempty"`
	Annotations   map[string]string `json:"annotations,omitempty"`
}

// scaledObject is a KEDA ScaledObject.
type scaledObject struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            struct {
		ScaleTargetRef struct {
			APIVersion string `json:"apiVersion,omitempty"`
			Kind       string `json:"kind,omitempty"`
			Name       string `json:"name"`
		} `json:"scaleTargetRef"`
		PollingInterval  *int32 `json:"pollingInterval,omitempty"`
		CooldownPeriod   *int32 `json:"cooldownPeriod,omitempty"`
		IdleReplicaCount *int32 `json:"idleReplicaCount,omitempty"`
		MinReplicaCount  *int32 `json:"minReplicaCount,omitempty"`
		MaxReplicaCount  *int32 `json:"maxReplicaCount,omitempty"`
		Fallback         *struct {
			FailureThreshold int32 `json:"failureThreshold"`
			Replicas         int32 `json:"replicas"`
		} `json:"fallback,omitempty"`
		Advanced *struct {
			RestoreToOriginalReplicaCount bool `json:"restoreToOriginalReplicaCount,omitempty"`
			HorizontalPodAutoscalerConfig *struct {
				Name     string                                         `json:"name,omitempty"`
				Behavior *autoscalingv2.HorizontalPodAutoscalerBehavior `json:"behavior,omitempty"`
			} `json:"horizontalPodAutoscalerConfig,omitempty"`
		} `json:"advanced,omitempty"`
		Triggers []struct {
			Type              string            `json:"type"`
			Name              string            `json:"name,omitempty"`
			MetricType        string            `json:"metricType,omitempty"`
			Metadata          map[string]string `json:"metadata"`
			AuthenticationRef *struct {
				Name string `json:"name"`
				Kind string `json:"kind,omitempty"`
			} `json:"authenticationRef,omitempty"`
		} `json:"triggers"`
	} `json:"spec"`
}

// natsJetStreamMetadata lists the nats-jetstream scaler's metadata keys and
// whether each is required.
var natsJetStreamMetadata = map[string]bool{
	"natsServerMonitoringEndpoint": true,
	"account":                      true,
	"stream":                       true,
	"consumer":                     true,
	"lagThreshold":                 true,
	"activationLagThreshold":       false,
	"useHttps":                     false,
}

// nackStream is a NACK Stream.
type nackStream struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            struct {
		Account         string   `json:"account,omitempty"`
		Name            string   `json:"name"`
		Description     string   `json:"description,omitempty"`
		Subjects        []string `json:"subjects"`
		Retention       string   `json:"retention,omitempty"`
		Storage         string   `json:"storage"`
		Replicas        int      `json:"replicas"`
		MaxAge          string   `json:"maxAge,omitempty"`
		MaxMsgs         int64    `json:"maxMsgs,omitempty"`
		MaxBytes        int64    `json:"maxBytes,omitempty"`
		MaxMsgSize      int32    `json:"maxMsgSize,omitempty"`
		Discard         string   `json:"discard,omitempty"`
		DuplicateWindow string   `json:"duplicateWindow,omitempty"`
	} `json:"spec"`
}

// nackConsumer is a NACK Consumer.
type nackConsumer struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            struct {
		Account        string `json:"account,omitempty"`
		StreamName     string `json:"streamName"`
		DurableName    string `json:"durableName"`
		Description    string `json:"description,omitempty"`
		DeliverPolicy  string `json:"deliverPolicy,omitempty"`
		DeliverSubject string `json:"deliverSubject,omitempty"`
		AckPolicy      string `json:"ackPolicy"`
		AckWait        string `json:"ackWait"`
		MaxDeliver     int    `json:"maxDeliver"`
		MaxAckPending  int    `json:"maxAckPending"`
		FilterSubject  string `json:"filterSubject,omitempty"`
		ReplayPolicy   string `json:"replayPolicy,omitempty"`
		Replicas       int    `json:"replicas,omitempty"`
	} `json:"spec"`
}

// nackAccount is a NACK Account: the connection NACK uses for the Streams
// and Consumers that name it in spec.account.
type nackAccount struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            struct {
		Servers []string `json:"servers"`
		User    *struct {
			Secret   nackSecretRef `json:"secret"`
			User     string        `json:"user"`
			Password string        `json:"password"`
		} `json:"user,omitempty"`
		Creds *struct {
			Secret nackSecretRef `json:"secret"`
			File   string        `json:"file"`
		} `json:"creds,omitempty"`
		TLS *struct {
			Secret nackSecretRef `json:"secret"`
			CA     string        `json:"ca,omitempty"`
			Cert   string        `json:"cert,omitempty"`
			Key    string        `json:"key,omitempty"`
		} `json:"tls,omitempty"`
	} `json:"spec"`
}

type nackSecretRef struct {
	Name string `json:"name"`
}
