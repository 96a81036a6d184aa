import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

import type { Approver } from './approvers';
import { composeEmail } from './email';
import { ApprovalConfigurationError } from './errors';
import { composeSmsText } from './sms';

/** Content of the message that carries an approver's link. */
export interface LinkMessage {
  workflow: string;
  message: string;
  link: string;
}

/** Sends approval links by SMS through SNS Publish and by email through SES v2 SendEmail. */
export class LinkSender {
  constructor(
    private readonly sns: SNSClient,
    private readonly ses: SESv2Client,
    private readonly fromEmail: string | undefined,
  ) {}

  /** Throws ApprovalConfigurationError before anything is written if an approver cannot be reached. */
  checkCanReach(approvers: Approver[]): void {
    if (this.fromEmail === undefined && approvers.some((approver) => approver.channel === 'email')) {
      throw new ApprovalConfigurationError(
        'APPROVALS_FROM_EMAIL is not set, so approval links cannot be emailed. Set it to an ' +
          'address verified in SES, or give std.approval phone numbers only.',
      );
    }
  }

  async send(approver: Approver, content: LinkMessage): Promise<void> {
    if (approver.channel === 'sms') {
      await this.sendSms(approver.address, content);
    } else {
      await this.sendEmail(approver.address, content);
    }
  }

  private async sendSms(phoneNumber: string, content: LinkMessage): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: composeSmsText(content.message, content.link),
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
  }

  private async sendEmail(email: string, content: LinkMessage): Promise<void> {
    const { subject, text, html } = composeEmail(content.workflow, content.message, content.link);

    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromEmail,
        Destination: { ToAddresses: [email] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: text, Charset: 'UTF-8' },
              Html: { Data: html, Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
  }
}
