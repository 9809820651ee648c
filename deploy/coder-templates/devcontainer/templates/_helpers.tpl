{{/* Labels of both objects. */}}
{{- define "coder-template.labels" -}}
app.kubernetes.io/name: coder-template
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: coder-guardrails
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
guardrails.ameide.io/coder-template: {{ .Values.templateName }}
{{- end -}}

{{- define "coder-template.configMapName" -}}
{{- printf "%s-template-files" .Values.templateName -}}
{{- end -}}

{{/*
The template's files: Terraform and Terraform templates, and the provider lock file, anywhere in this folder. Not this
chart's own files (Chart.yaml, values.yaml, templates/) and not README.md, which documents the folder for this
repository: Coder would show it as the template's documentation, with links that lead nowhere there.
*/}}
{{- define "coder-template.files" -}}
{{- $files := dict -}}
{{- range $path, $content := .Files.Glob "**.tf" }}{{ $_ := set $files $path true }}{{ end -}}
{{- range $path, $content := .Files.Glob "**.tftpl" }}{{ $_ := set $files $path true }}{{ end -}}
{{- range $path, $content := .Files.Glob ".terraform.lock.hcl" }}{{ $_ := set $files $path true }}{{ end -}}
{{- keys $files | sortAlpha | toJson -}}
{{- end -}}

{{/*
The release's version name, held to Coder's rules (template-sync's ReleaseName; the build checks that both agree), so
that a name Coder would refuse stops the render instead of reaching the cluster.
*/}}
{{- define "coder-template.versionName" -}}
{{- $name := required "release.versionName is required (the version Coder must serve)" .Values.release.versionName | toString -}}
{{- if gt (len $name) 64 -}}
{{- fail (printf "release.versionName %q is %d characters long; Coder allows at most 64" $name (len $name)) -}}
{{- end -}}
{{- if not (regexMatch "^[a-zA-Z0-9]+([_.-][a-zA-Z0-9]+)*$" $name) -}}
{{- fail (printf "release.versionName %q breaks Coder's rules: letters and digits separated by single '.', '_' or '-'" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}
