{{- define "platform-apps.labels" -}}
app.kubernetes.io/name: platform-apps
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: coder-guardrails
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
ameide.io/environment: {{ .Values.environment }}
{{- end -}}

{{- define "platform-apps.syncPolicy" -}}
syncPolicy:
  {{- if .Values.automated }}
  automated:
    prune: true
    selfHeal: true
  {{- end }}
  syncOptions:
    - CreateNamespace=true
    - ServerSideApply=true
  retry:
    limit: 5
    backoff:
      duration: 10s
      factor: 2
      maxDuration: 5m
{{- end -}}

{{/*
An Application for one of this repository's charts (under charts/, or .folder), reading the environment's values file
for it, with .parameters (Helm parameters, where Argo CD substitutes its build environment such as $ARGOCD_APP_REVISION).
*/}}
{{- define "platform-apps.chartApplication" -}}
{{- $root := .root }}
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {{ $root.Values.environment }}-{{ .chart }}
  namespace: {{ $root.Values.argocdNamespace }}
  labels:
    {{- include "platform-apps.labels" $root | nindent 4 }}
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: {{ $root.Values.project }}
  source:
    repoURL: {{ $root.Values.git.repoURL }}
    targetRevision: {{ $root.Values.git.targetRevision }}
    path: {{ $root.Values.git.path }}/{{ .folder | default "charts" }}/{{ .chart }}
    helm:
      releaseName: {{ .chart }}
      valueFiles:
        - ../../environments/{{ $root.Values.environment }}/{{ .chart }}.yaml
      {{- with .parameters }}
      parameters:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  destination:
    server: {{ $root.Values.destinationServer }}
    namespace: {{ .namespace }}
  {{- include "platform-apps.syncPolicy" $root | nindent 2 }}
{{- end -}}
