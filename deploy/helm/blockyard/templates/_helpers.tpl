{{/* The operator's name: its Deployment, ServiceAccount-bound roles and Service ("blockyard-operator" for a release named blockyard). */}}
{{- define "blockyard.name" -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "blockyard.labels" -}}
app.kubernetes.io/name: blockyard-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "blockyard.selector" -}}
app.kubernetes.io/name: blockyard-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The rules of deploy/rbac/rules.yaml, the single source of the operator's permissions. */}}
{{- define "blockyard.rules" -}}
{{ .Files.Get "files/rules.yaml" }}
{{- end -}}
