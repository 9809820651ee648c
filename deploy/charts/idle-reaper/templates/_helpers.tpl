{{/* Names and labels shared by every object of the chart. */}}
{{- define "idle-reaper.name" -}}
{{- .Values.nameOverride | default "idle-reaper" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "idle-reaper.selectorLabels" -}}
app.kubernetes.io/name: {{ include "idle-reaper.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "idle-reaper.labels" -}}
{{ include "idle-reaper.selectorLabels" . }}
app.kubernetes.io/part-of: coder-guardrails
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
The image, always by digest: a tag can be moved, a digest cannot. A value that is not sha256:<64 hex> stops the
render with a message naming the key.
*/}}
{{- define "idle-reaper.image" -}}
{{- $digest := required "image.digest is required (sha256:<64 hex digits>): images are pinned by digest" .Values.image.digest -}}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" $digest) -}}
{{- fail (printf "image.digest must be sha256:<64 hex digits>, got %q" $digest) -}}
{{- end -}}
{{- printf "%s@%s" (required "image.repository is required" .Values.image.repository) $digest -}}
{{- end -}}

{{/* Comma-separated list for a config key, empty when the list is. */}}
{{- define "idle-reaper.csv" -}}
{{- join "," . -}}
{{- end -}}

{{/* The rules the reaper needs where workspaces live (idle-reaper/README.md, "What it changes"). */}}
{{- define "idle-reaper.workspaceRules" -}}
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: ["apps"]
  resources: ["replicasets", "deployments"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "update"]
- apiGroups: ["guardrails.ameide.io"]
  resources: ["workspaceexemptions"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["guardrails.ameide.io"]
  resources: ["workspaceexemptions/status"]
  verbs: ["patch"]
{{- end -}}
