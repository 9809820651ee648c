{{/* Names and labels shared by every object of the chart. */}}
{{- define "template-sync.name" -}}
{{- .Values.nameOverride | default "template-sync" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "template-sync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "template-sync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "template-sync.labels" -}}
{{ include "template-sync.selectorLabels" . }}
app.kubernetes.io/part-of: coder-guardrails
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
The image, always by digest: a tag can be moved, a digest cannot. A value that is not sha256:<64 hex> stops the
render with a message naming the key.
*/}}
{{- define "template-sync.image" -}}
{{- $digest := required "image.digest is required (sha256:<64 hex digits>): images are pinned by digest" .Values.image.digest -}}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" $digest) -}}
{{- fail (printf "image.digest must be sha256:<64 hex digits>, got %q" $digest) -}}
{{- end -}}
{{- printf "%s@%s" (required "image.repository is required" .Values.image.repository) $digest -}}
{{- end -}}

{{/* The namespace whose CoderTemplates are synced: kubernetes.namespace, or the release's. */}}
{{- define "template-sync.watchedNamespace" -}}
{{- .Values.kubernetes.namespace | default .Release.Namespace -}}
{{- end -}}
